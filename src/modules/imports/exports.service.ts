import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { coralCells, coralColumns, coralHeader } from '../../interchange/coral-table.js';
import { jsonlLine } from '../../interchange/jsonl.js';
import { htcdsCoralIdColumn } from '../../interchange/standard-tables.js';
import { csvLine, drained, writeTo } from '../../interchange/writers.js';
import type { Context } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { EntityId } from '../../standard/field.js';
import { ctdcColumns, toCtdcRow } from '../../standard/mappings/ctdc.js';
import { htcdsFields, toHtcdsRow } from '../../standard/mappings/htcds.js';
import { layoutsFor } from '../../standard/mappings/layouts.js';
import { type AuditService, requireActor } from '../audit/audit.service.js';
import type { ListRequest, RecordsService } from '../records/records.service.js';
import { can } from './imports.policy.js';

export const exportFormats = ['coral-csv', 'jsonl', 'ctdc', 'htcds-xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  kind: EntityId;
  format: ExportFormat;
  /** Names, birth dates, documents…: only for roles that may see them, and only when asked for. */
  identifying: boolean;
  filters: Pick<ListRequest, 'filters' | 'text' | 'name'>;
}

export interface ExportsServiceDeps {
  records: RecordsService;
  audit: AuditService;
}

/** What an export file is called and what type it is. */
export function exportFile(
  kind: EntityId,
  format: ExportFormat,
  day: string,
): { name: string; contentType: string } {
  switch (format) {
    case 'coral-csv':
      return { name: `coral-${kind}-${day}.csv`, contentType: 'text/csv; charset=utf-8' };
    case 'jsonl':
      return { name: `coral-${kind}-${day}.jsonl`, contentType: 'application/x-ndjson; charset=utf-8' };
    case 'ctdc':
      return { name: `ctdc-${day}.csv`, contentType: 'text/csv; charset=utf-8' };
    case 'htcds-xlsx':
      return {
        name: `htcds-${kind}-${day}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
  }
}

/**
 * Exports records as Coral CSV, Coral JSON Lines, the CTDC layout or the HTCDS 2.0 Excel layout,
 * streamed (never the whole set in memory), with the same filters as lists. Every export is audited
 * before any data leaves; identifying fields only for roles that may see them and only when asked for;
 * spreadsheet cells cannot run as formulas.
 */
export class ExportsService {
  constructor(private readonly deps: ExportsServiceDeps) {}

  /** Checks the request and audits it; call before sending anything. Returns the function that writes. */
  async prepare(
    ctx: Context,
    orgId: string,
    request: ExportRequest,
  ): Promise<(out: Writable) => Promise<number>> {
    const actor = requireActor(ctx);
    const event = {
      action: 'export',
      resourceType: request.kind,
      orgId,
      details: { format: request.format, identifying: request.identifying },
    };
    await this.deps.audit.enforce(ctx, can(actor, 'export', { orgId, kind: request.kind }), event, {
      message: 'Your role may not export these records.',
    });
    if (request.identifying) {
      await this.deps.audit.enforce(
        ctx,
        can(actor, 'export-identifying', { orgId, kind: request.kind }),
        event,
        {
          message: 'Your role may not export identifying details of these records.',
        },
      );
    }
    if (request.format === 'ctdc' && !layoutsFor(request.kind).ctdc) {
      throw new AppError('bad_request', 'The CTDC layout holds trafficking cases only.');
    }
    if (request.format === 'htcds-xlsx' && !layoutsFor(request.kind).htcds) {
      throw new AppError('bad_request', 'HTCDS has no layout for this kind of record.');
    }
    await this.deps.audit.record(ctx, event);
    // CTDC is published k-anonymised: it has no column for identifying data, whatever was asked.
    const identifying = request.identifying && request.format !== 'ctdc';
    const records = () => this.deps.records.exportRecords(request.kind, orgId, request.filters, identifying);
    switch (request.format) {
      case 'coral-csv':
        return (out) => writeCoralCsv(out, request.kind, identifying, records());
      case 'jsonl':
        return async (out) => {
          let count = 0;
          for await (const item of records()) {
            await writeTo(
              out,
              jsonlLine(item.record, { id: item.id, externalId: identifying ? item.externalId : null }),
            );
            count++;
          }
          return count;
        };
      case 'ctdc':
        return (out) => writeCtdc(out, records());
      case 'htcds-xlsx':
        return (out) => writeHtcdsXlsx(out, request.kind, records());
    }
  }
}

type ExportItem = { id: string; externalId: string | null; record: Record<string, unknown> };

async function writeCoralCsv(
  out: Writable,
  kind: EntityId,
  identifying: boolean,
  records: AsyncIterable<ExportItem>,
): Promise<number> {
  const columns = coralColumns(kind, { identifying });
  // A byte-order mark, so Excel reads UTF-8 rather than guessing Windows-1252.
  await writeTo(out, `\uFEFF${csvLine(coralHeader(columns))}`);
  let count = 0;
  for await (const item of records) {
    await writeTo(
      out,
      // A source's own id may be a document number: it goes with the identifying fields.
      csvLine(
        coralCells(columns, item.record, { id: item.id, externalId: identifying ? item.externalId : null }),
      ),
    );
    count++;
  }
  return count;
}

async function writeCtdc(out: Writable, records: AsyncIterable<ExportItem>): Promise<number> {
  await writeTo(out, csvLine(ctdcColumns, ';'));
  let count = 0;
  for await (const item of records) {
    const row = toCtdcRow(item.record);
    await writeTo(
      out,
      csvLine(
        ctdcColumns.map((column) => row[column] ?? ''),
        ';',
      ),
    );
    count++;
  }
  return count;
}

async function writeHtcdsXlsx(
  out: Writable,
  kind: EntityId,
  records: AsyncIterable<ExportItem>,
): Promise<number> {
  const fields = htcdsFields(kind).filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('Case Sheet');
  // The official templates' two header rows: field names, then labels.
  sheet.addRow([htcdsCoralIdColumn, ...fields.map((f) => f.name)]).commit();
  sheet.addRow(['Coral id', ...fields.map((f) => f.field.label.en)]).commit();
  let count = 0;
  for await (const item of records) {
    const row = toHtcdsRow(item.record, kind, { values: 'labels' });
    // Strings in an .xlsx are text cells, never formulas: written as they are.
    sheet.addRow([item.id, ...fields.map((f) => row[f.name] ?? '')]).commit();
    // exceljs never says to wait; the output it writes into does: no faster than the reader.
    await drained(out);
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
