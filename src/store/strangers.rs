//! Refusals to strangers, one per chat per window: a flood of messages from someone with no
//! bound account gets one answer, not one per message.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// Records a refusal to `chat_id` unless one was recorded within `window` before `now`;
/// returns whether this refusal is to be sent.
pub async fn claim_refusal(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<bool, StoreError> {
    let claimed: Option<i32> = sqlx::query_scalar(
        "insert into stranger_refusals (transport, chat_id, refused_at) values ($1, $2, $3) \
         on conflict on constraint stranger_refusals_pkey do update set refused_at = excluded.refused_at \
         where stranger_refusals.refused_at <= $4 \
         returning 1",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(now)
    .bind(now - window)
    .fetch_optional(conn)
    .await?;
    Ok(claimed.is_some())
}
