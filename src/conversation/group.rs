//! Group chats: a department binds its group with `/bind CODE` (an invite made for the
//! department) and then receives its cases there. In a group only `/bind` and `/help` do
//! anything; plain messages are left to the people and never answered (commands for other bots
//! never reach the engine: the transport drops them).
//!
//! ```text
//! 李科长:  /bind@zhuqi_bot Q8RT5WXY
//! bot:     本群已绑定为 县交通运输局 的工作群，交办给本部门的事项会在这里通知。
//! 李科长:  /help
//! bot:     本群是 县交通运输局 的工作群：新交办的事项会在这里通知。处理事项请私聊我。
//! 李科长:  /summary@other_bot
//!          (nothing: that command is for another bot)
//! 李科长:  /todo
//! bot:     在群里我只处理 /bind 和 /help，办理事项请私聊我。
//! ```

use crate::store::PgConnection;
use chrono::{DateTime, Utc};

use super::engine::{Engine, EngineError};
use super::parse;
use crate::i18n::{Args, normalize_locale, t, tr};
use crate::message::{Input, InputKind, Outcome, Reply};
use crate::store::departments;
use crate::store::invites::{self, InviteError, InviteTarget};

pub(crate) async fn handle(
    engine: &Engine,
    conn: &mut PgConnection,
    input: &Input,
    now: DateTime<Utc>,
) -> Result<Outcome, EngineError> {
    let locale = normalize_locale(&engine.settings.default_locale);
    let (name, args) = match &input.kind {
        InputKind::Command { name, args } => (name.to_ascii_lowercase(), args.clone()),
        InputKind::Text { text } => match parse::command(text) {
            Some(c) => (c.name, c.args),
            None => return Ok(Outcome::default()),
        },
        InputKind::Callback { .. } => {
            return Ok(Outcome {
                replies: vec![],
                callback_answer: Some(t(locale, "bot-group-no-buttons")),
            });
        }
        _ => return Ok(Outcome::default()),
    };
    let transport = input.transport.code();
    let text = match name.as_str() {
        "bind" => bind(conn, input, &args, locale, now).await?,
        "help" | "start" => match departments::of_group(conn, transport, input.chat_id).await? {
            Some(d) => tr(
                locale,
                "bot-group-help-bound",
                Args::new().str("department", d.name),
            ),
            None => t(locale, "bot-group-help"),
        },
        _ => t(locale, "bot-group-only-bind"),
    };
    Ok(Outcome {
        replies: vec![Reply::text(text)],
        callback_answer: None,
    })
}

async fn bind(
    conn: &mut PgConnection,
    input: &Input,
    code: &str,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<String, EngineError> {
    if code.trim().is_empty() {
        return Ok(t(locale, "bot-group-bind-usage"));
    }
    let mut tx = crate::store::savepoint(conn).await?;
    let target = match invites::redeem(&mut tx, code, input.chat_id, now).await {
        Ok(target) => target,
        Err(InviteError::Store(e)) => return Err(e.into()),
        Err(
            InviteError::Unknown | InviteError::Used | InviteError::Expired | InviteError::Revoked,
        ) => {
            tx.rollback().await?;
            return Ok(t(locale, "bot-invite-invalid"));
        }
    };
    let InviteTarget::Department(department_id) = target else {
        // A person's code binds their own account: leave it unused for them.
        tx.rollback().await?;
        return Ok(t(locale, "bot-invite-for-person"));
    };
    departments::bind_group(
        &mut tx,
        input.transport.code(),
        input.chat_id,
        department_id,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    let name = departments::by_id(conn, department_id)
        .await?
        .map(|d| d.name)
        .unwrap_or_default();
    Ok(tr(
        locale,
        "bot-group-bound",
        Args::new().str("department", name),
    ))
}
