from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("certificates", "0081_fill_credentials")]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                editable=False,
                help_text="The certificate's bit in the published revocation list, chosen at random.",
                unique=True,
                verbose_name="index in the status list",
            ),
        ),
    ]
