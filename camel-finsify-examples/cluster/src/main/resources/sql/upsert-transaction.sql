MERGE INTO finsify_transaction t
USING (SELECT CAST(:#${body.id} AS BIGINT) AS id,
              CAST(:#${header.CamelFinsifyAccountId} AS BIGINT) AS account_id,
              CAST(:#${header.CamelFinsifyLoginId} AS BIGINT) AS login_id,
              CAST(:#${body.date} AS DATE) AS tx_date,
              CAST(:#${body.amount} AS DECIMAL(19, 4)) AS amount,
              CAST(:#${body.currency} AS VARCHAR(8)) AS currency,
              CAST(:#${body.description} AS VARCHAR(2000)) AS description,
              CAST(:#${body.category} AS VARCHAR(64)) AS category,
              CAST(:#${header.FinsifyNode} AS VARCHAR(64)) AS written_by) s
ON t.id = s.id
WHEN MATCHED THEN UPDATE SET account_id = s.account_id, login_id = s.login_id, tx_date = s.tx_date,
     amount = s.amount, currency = s.currency, description = s.description, category = s.category,
     writes = t.writes + 1, written_by = s.written_by, written_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (id, account_id, login_id, tx_date, amount, currency, description, category,
     writes, written_by, written_at)
     VALUES (s.id, s.account_id, s.login_id, s.tx_date, s.amount, s.currency, s.description, s.category,
     1, s.written_by, CURRENT_TIMESTAMP)
