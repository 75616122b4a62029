"""Background jobs with progress, shared by every long task (imports, plan runs, reports)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class Job(models.Model):
    """A long piece of work run by the job worker; pages poll it to show progress."""

    kind = models.CharField(_("jenis"), max_length=40)
    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, null=True, blank=True,
                               verbose_name=_("instansi"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("dibuat oleh"))
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    message = models.CharField(_("pesan"), max_length=300, blank=True)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # Crash recovery (renbang.core.jobs.recover_stale_jobs): what to run again, which worker process runs it
    # ("host:pid") and when it last showed signs of life.
    function_path = models.CharField(_("fungsi"), max_length=200, blank=True)
    worker = models.CharField(_("proses pekerja"), max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(_("tanda hidup terakhir"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)

    class Meta:
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    def report(self, progress: int, message: str = "") -> None:
        """Record progress from inside the task (a separate UPDATE so pages see it at once)."""
        self.progress = max(0, min(100, int(progress)))
        self.message = message[:300]
        self.heartbeat_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(progress=self.progress, message=self.message,
                                                     status=JobStatus.RUNNING, heartbeat_at=self.heartbeat_at)

    def finish(self, result: dict | None = None, *, failed: bool = False, message: str = "") -> None:
        self.status = JobStatus.FAILED if failed else JobStatus.DONE
        self.progress = 100
        self.result = result or {}
        self.message = message[:300]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "progress", "result", "message", "finished_at"])


class Notice(models.Model):
    """A short in-app notice to one user (an invitation, a decision, a questionnaire reminder). Every app writes
    them through `renbang.core.notices` (notice + e-mail): one notification path."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices",
                             verbose_name=_("penerima"))
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    kind = models.CharField(_("jenis"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="core_notice_user_read_idx")]

    def __str__(self) -> str:
        return self.title
