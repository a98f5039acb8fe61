from django.db import migrations

from almaty_portal.periods import no_overlap_constraint


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [
        no_overlap_constraint(
            table="members_membership",
            name="members_membership_no_overlap",
            same=["participant_id"],
        ),
    ]
