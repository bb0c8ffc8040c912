"""Spreadsheet exports on Wagtail's SpreadsheetExportMixin, made safe and streamable.

Wagtail's CSV has no BOM (Excel then misreads å, ä, ö) and leaves cells that start a formula
as they are; its listing calls len() on the queryset before exporting, holding every row in
memory. This mixin answers an export before the listing is built, iterates the queryset in
chunks, writes a BOM, and neutralises every text cell that a spreadsheet would run as a formula.
Its XLSX is Wagtail's (write-only; formula-like text stored as text).
"""

import csv
import datetime
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

from training_site.spreadsheets import neutralise

BOM = "\ufeff"
CHUNK_ROWS = 2000
FLUSH_BYTES = 64 * 1024


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _csv_datetime(value: datetime.datetime) -> str:
    return _local(value).strftime("%Y-%m-%d %H:%M")


def _xlsx_datetime(value: datetime.datetime) -> datetime.datetime:
    return _local(value).replace(tzinfo=None)


def _yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    export_report_name = ""

    custom_value_preprocess = {
        bool: {SpreadsheetExportMixin.FORMAT_CSV: _yes_no, SpreadsheetExportMixin.FORMAT_XLSX: _yes_no},
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: _csv_datetime,
            SpreadsheetExportMixin.FORMAT_XLSX: _xlsx_datetime,
        },
        str: {SpreadsheetExportMixin.FORMAT_CSV: neutralise},
        **SpreadsheetExportMixin.custom_value_preprocess,
    }

    def get_export_rows(self):
        """The rows to export: the filtered queryset, without building the listing."""
        return self.get_filtered_queryset()

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        rows = self.get_export_rows()
        export_format = request.GET["export"]
        self.record_export(export_format)
        return self.as_spreadsheet(rows, export_format)

    def record_export(self, export_format: str) -> None:
        raise NotImplementedError

    def iterate(self, rows: Iterable) -> Iterator:
        if isinstance(rows, QuerySet):
            return rows.iterator(chunk_size=CHUNK_ROWS)
        return iter(rows)

    def get_heading(self, queryset, field):
        return super().get_heading(queryset if isinstance(queryset, QuerySet) else None, field)

    def stream_csv(self, queryset):
        """The CSV in chunks of about 64 kB, BOM first, one pass over a server-side cursor."""
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        buffer = [
            BOM.encode("utf-8"),
            writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export}),
        ]
        size = 0
        for item in self.iterate(queryset):
            line = self.write_csv_row(writer, self.to_row_dict(item))
            buffer.append(line)
            size += len(line)
            if size >= FLUSH_BYTES:
                yield b"".join(buffer)
                buffer, size = [], 0
        yield b"".join(buffer)

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=self.get_filename()[:31])
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        for item in self.iterate(queryset):
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format="yyyy-mm-dd hh:mm"))
        workbook.save(output)
