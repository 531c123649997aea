"""``manage.py build_word_template``: write the default Word template shipped with the code
(``reports/assets/word-template.docx``) afresh from ``build_default_template``. Run it after
changing the default styles or logo, and commit the file it writes."""

from django.core.management.base import BaseCommand

from reports.word_template import DEFAULT_PATH, build_default_template


class Command(BaseCommand):
    help = "Write the default Word template (styles, placeholder logo) to reports/assets/."

    def handle(self, *args, **options):
        DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
        DEFAULT_PATH.write_bytes(build_default_template())
        self.stdout.write(f"Wrote {DEFAULT_PATH}.")
