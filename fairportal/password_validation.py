"""Password checks worded for the person who types the password."""

from django.contrib.auth import password_validation


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Django's check that a password is not like the account's details, naming the
    detail the person knows: an exhibitor's representative signs in with their e-mail,
    which is also their username (`exhibitors.services`), so a password like the
    address is "too similar to the e-mail", not to a "username" they never saw."""

    def validate(self, password, user=None):
        if user is not None and (user.username or "").lower() == (user.email or "").lower():
            attributes = [name for name in self.user_attributes if name != "username"]
            password_validation.UserAttributeSimilarityValidator(
                attributes, self.max_similarity
            ).validate(password, user)
            return
        super().validate(password, user)
