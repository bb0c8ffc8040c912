from django import forms

FIELD_PREFIX = "q-"


class AnswersForm(forms.Form):
    """Collects every posted `q-<question id>` field into {question id: [choice ids]}.

    Which ids are valid is decided by grading against the attempt's revision, so that a
    tampered post (unknown question or choice) is rejected rather than silently dropped.
    """

    def clean(self):
        cleaned = super().clean()
        answers = {}
        for key in self.data:
            if key.startswith(FIELD_PREFIX):
                chosen = [value for value in self.data.getlist(key) if value]
                if chosen:
                    answers[key[len(FIELD_PREFIX) :]] = chosen
        cleaned["answers"] = answers
        return cleaned
