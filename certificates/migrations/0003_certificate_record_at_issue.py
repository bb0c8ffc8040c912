"""A certificate keeps its own record of what was certified (the holder's name and the course title
at issue) and survives the erasure of its holder: the enrolment link becomes nullable (SET_NULL)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_course_admin_permissions"),
        ("enrolments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="holder_name",
            field=models.CharField(blank=True, max_length=301, verbose_name="holder's name at issue"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="holder_last_name",
            field=models.CharField(blank=True, max_length=150, verbose_name="holder's last name at issue"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="course_title",
            field=models.CharField(default="", max_length=255, verbose_name="course title at issue"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certificate",
            name="holder_erased_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="holder's personal data erased at"),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="enrolment",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="certificate",
                to="enrolments.enrolment",
                verbose_name="enrolment",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(enrolment__isnull=False, holder_erased_at__isnull=True)
                | models.Q(enrolment__isnull=True, holder_erased_at__isnull=False, holder_name="", holder_last_name=""),
                name="certificates_certificate_linked_or_erased",
            ),
        ),
    ]
