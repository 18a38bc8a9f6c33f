//! WeCom's own records: a number for each WeCom id (users, app chats, group robots), the
//! callbacks received (stored with their inbox row before WeCom is answered, once however often
//! WeCom retries), the response codes of pressed cards (valid once), binding by the roster's
//! `wecom_userid`, and the group robots bound to departments.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::StoreError;
use super::accounts::{self, Bound};

/// The transport code WeCom's rows carry.
const TRANSPORT: &str = "wecom";

/// The number of a WeCom id, given on first sight and kept.
pub async fn id_of(conn: &mut PgConnection, wecom_id: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into wecom_ids (wecom_id) values ($1) \
         on conflict (wecom_id) do update set wecom_id = excluded.wecom_id returning id",
    )
    .bind(wecom_id)
    .fetch_one(conn)
    .await?)
}

/// The WeCom id behind a number.
pub async fn wecom_id(pool: &PgPool, id: i64) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("select wecom_id from wecom_ids where id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?,
    )
}

/// A callback as it arrived.
pub struct NewCallback<'a> {
    pub dedupe_key: &'a str,
    /// The sender's userid.
    pub from: &'a str,
    pub payload: serde_json::Value,
    pub response_code: Option<&'a str>,
}

/// Stores a callback and its inbox row in one transaction; a callback already stored (WeCom's
/// retry, a duplicate) is left as it is. Returns whether it was new.
pub async fn store_callback(
    pool: &PgPool,
    callback: &NewCallback<'_>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut tx = pool.begin().await?;
    let update_id: Option<i64> = sqlx::query_scalar(
        "insert into wecom_callbacks (dedupe_key, received_at, response_code) values ($1, $2, $3) \
         on conflict (dedupe_key) do nothing returning update_id",
    )
    .bind(callback.dedupe_key)
    .bind(now)
    .bind(callback.response_code)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(update_id) = update_id else {
        return Ok(false);
    };
    let chat_id = id_of(&mut tx, callback.from).await?;
    sqlx::query(
        "insert into inbox (transport, update_id, chat_id, payload, received_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(TRANSPORT)
    .bind(update_id)
    .bind(chat_id)
    .bind(&callback.payload)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The response code of the card pressed in callback `update_id`, taken for use: it is handed
/// out once, and `None` after that (or when the callback was no card press).
pub async fn take_response_code(
    pool: &PgPool,
    update_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "update wecom_callbacks set response_used_at = $2 \
         where update_id = $1 and response_code is not null and response_used_at is null \
         returning response_code",
    )
    .bind(update_id)
    .bind(now)
    .fetch_optional(pool)
    .await?)
}

/// Binds the WeCom account `user_id` (userid `userid`) to the active person whose roster row
/// names that userid, unless the account is bound already. Returns whether it was bound now.
pub async fn bind_by_roster(
    conn: &mut PgConnection,
    userid: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let person: Option<i64> = sqlx::query_scalar(
        "select p.id from people p where p.wecom_userid = $1 and p.active \
         and not exists (select 1 from messenger_accounts a where a.transport = $2 and a.user_id = $3)",
    )
    .bind(userid)
    .bind(TRANSPORT)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(person) = person else {
        return Ok(false);
    };
    let bound =
        accounts::bind(conn, person, TRANSPORT, user_id, user_id, Some(userid), now).await?;
    Ok(bound == Bound::New)
}

/// Binds a group robot (or app chat), known as `wecom_id`, to the department `department_code`
/// as its group chat, unless it is bound already. Returns false when no such department exists.
pub async fn bind_group(
    pool: &PgPool,
    wecom_id: &str,
    department_code: &str,
    title: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut tx = pool.begin().await?;
    let chat_id = id_of(&mut tx, wecom_id).await?;
    let bound = sqlx::query(
        "insert into group_chats (transport, chat_id, department_id, title, bound_at) \
         select $1, $2, d.id, $4, $5 from departments d where d.code = $3 \
         on conflict (transport, chat_id) do nothing",
    )
    .bind(TRANSPORT)
    .bind(chat_id)
    .bind(department_code)
    .bind(title)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let exists: bool =
        sqlx::query_scalar("select exists (select 1 from departments where code = $1)")
            .bind(department_code)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(bound > 0 || exists)
}

/// Binds every active person the roster gives a WeCom userid and who has no WeCom account yet:
/// WeCom is the county's own directory, so the application can reach them before they write.
/// Returns how many were bound.
pub async fn bind_roster(pool: &PgPool, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "insert into wecom_ids (wecom_id) select p.wecom_userid from people p \
         where p.wecom_userid is not null and p.active on conflict (wecom_id) do nothing",
    )
    .execute(&mut *tx)
    .await?;
    let bound = sqlx::query(
        "insert into messenger_accounts (person_id, transport, user_id, chat_id, username, bound_at) \
         select p.id, $1, w.id, w.id, p.wecom_userid, $2 from people p \
         join wecom_ids w on w.wecom_id = p.wecom_userid \
         where p.active \
         and not exists (select 1 from messenger_accounts a where a.transport = $1 and a.person_id = p.id) \
         on conflict on constraint messenger_accounts_user_key do nothing",
    )
    .bind(TRANSPORT)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(bound)
}

/// Gives the person `code` the WeCom userid (or none), taking it from anyone who had it.
pub async fn set_userid(
    conn: &mut PgConnection,
    code: &str,
    userid: Option<&str>,
) -> Result<(), StoreError> {
    if let Some(userid) = userid {
        sqlx::query("update people set wecom_userid = null where wecom_userid = $1 and code <> $2")
            .bind(userid)
            .bind(code)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "update people set wecom_userid = $2 where code = $1 and wecom_userid is distinct from $2",
    )
    .bind(code)
    .bind(userid)
    .execute(conn)
    .await?;
    Ok(())
}
