// Batch API jobs in the store: each submitted batch and, per request line, the tasks it carried, so a
// batch's output can be ingested (and checked) after a restart, by `score --batch-api` or `scores batch-status`.
import type Database from 'better-sqlite3';
import type { StoredItem } from './store.js';

export interface StoredBatch {
  id: string;
  scorer: string;
  model: string;
  provider: string;
  /** Provider settings without the API key, so a resumed batch can be ingested with the same rules. */
  settings: Record<string, unknown>;
  status: string;
  inputFileId?: string;
  outputFileId?: string;
  errorFileId?: string;
  requestCount: number;
  createdAt: string;
  updatedAt: string;
  ingestedAt?: string;
}

export function batchMethods(db: Database.Database) {
  return {
    saveBatch(batch: StoredBatch, requests: { customId: string; items: StoredItem[] }[]): void {
      db.transaction(() => {
        db.prepare(
          `INSERT OR REPLACE INTO batches (id, scorer, model, provider, settings_json, status, input_file_id, output_file_id,
             error_file_id, request_count, created_at, updated_at, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          batch.id, batch.scorer, batch.model, batch.provider, JSON.stringify(batch.settings), batch.status,
          batch.inputFileId ?? null, batch.outputFileId ?? null, batch.errorFileId ?? null, batch.requestCount,
          batch.createdAt, batch.updatedAt, batch.ingestedAt ?? null,
        );
        const insert = db.prepare(`INSERT OR REPLACE INTO batch_requests (batch_id, custom_id, items_json) VALUES (?, ?, ?)`);
        for (const request of requests) insert.run(batch.id, request.customId, JSON.stringify(request.items));
      })();
    },

    updateBatch(id: string, fields: { status: string; outputFileId?: string; errorFileId?: string; ingestedAt?: string }): void {
      db.prepare(
        `UPDATE batches SET status = ?, output_file_id = COALESCE(?, output_file_id), error_file_id = COALESCE(?, error_file_id),
           ingested_at = COALESCE(?, ingested_at), updated_at = ? WHERE id = ?`,
      ).run(fields.status, fields.outputFileId ?? null, fields.errorFileId ?? null, fields.ingestedAt ?? null, new Date().toISOString(), id);
    },

    listBatches(): StoredBatch[] {
      const rows = db.prepare(`SELECT * FROM batches ORDER BY created_at`).all() as Record<string, unknown>[];
      return rows.map(rowToBatch);
    },

    getBatch(id: string): StoredBatch | undefined {
      const row = db.prepare(`SELECT * FROM batches WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
      return row ? rowToBatch(row) : undefined;
    },

    batchRequests(id: string): Map<string, StoredItem[]> {
      const rows = db.prepare(`SELECT custom_id, items_json FROM batch_requests WHERE batch_id = ?`).all(id) as { custom_id: string; items_json: string }[];
      return new Map(rows.map((row) => [row.custom_id, JSON.parse(row.items_json) as StoredItem[]]));
    },
  };
}

function rowToBatch(row: Record<string, unknown>): StoredBatch {
  const batch: StoredBatch = {
    id: String(row.id),
    scorer: String(row.scorer),
    model: String(row.model),
    provider: String(row.provider),
    settings: JSON.parse(String(row.settings_json)) as Record<string, unknown>,
    status: String(row.status),
    requestCount: Number(row.request_count),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
  if (row.input_file_id) batch.inputFileId = String(row.input_file_id);
  if (row.output_file_id) batch.outputFileId = String(row.output_file_id);
  if (row.error_file_id) batch.errorFileId = String(row.error_file_id);
  if (row.ingested_at) batch.ingestedAt = String(row.ingested_at);
  return batch;
}
