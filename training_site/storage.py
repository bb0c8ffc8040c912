"""Storage backends of the private alias (STORAGES["private"]): certificate PDFs and, later, other
documents about one learner. Their files have no address of their own; views that check
permissions read them and stream them."""

from django.core.files.storage import FileSystemStorage

from storages.backends.s3 import S3Storage


class NoURLMixin:
    def url(self, name, *args, **kwargs):
        raise NotImplementedError("Private files have no URL: serve them through a view that checks permissions.")


class PrivateFileSystemStorage(NoURLMixin, FileSystemStorage):
    """A folder outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT), never under MEDIA_URL."""


class PrivateS3Storage(NoURLMixin, S3Storage):
    """A private bucket (or the private/ prefix of the media bucket): objects are written with the
    private ACL, so only the app's credentials can read them."""

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False
