from django.db import migrations

from almaty_portal.periods import no_overlap_constraint


class Migration(migrations.Migration):
    dependencies = [("chairmanship", "0001_initial")]

    operations = [
        no_overlap_constraint(
            table="chairmanship_chairmanshipterm", name="chairmanship_term_no_overlap"
        ),
    ]
