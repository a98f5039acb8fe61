"""Create (or update) a staff account in the "Secretariat editor" group."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from almaty_portal.roles import EDITOR_GROUP


class Command(BaseCommand):
    help = (
        "Create a staff account for a member of the secretariat, who may edit all content but "
        "not users or groups. The password comes from $EDITOR_PASSWORD or is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get("EDITOR_PASSWORD") or getpass.getpass("Password: ")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first() or user_model(username=username)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        try:
            group = Group.objects.get(name=EDITOR_GROUP)
        except Group.DoesNotExist as error:
            raise CommandError(
                "Run `manage.py migrate` first: the editor group is missing."
            ) from error
        user.email = email or user.email
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"{username} can now sign in to /admin/ as an editor.")
        )
