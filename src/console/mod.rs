//! The terminal transport: the same conversation engine, with buttons shown as numbered choices
//! and the outbox's messages for the person at the terminal shown as notifications. Switching
//! persona (`:as CODE`) lets one person walk a case through every role.
//!
//! ```text
//! 王建国> /report
//! 为哪家企业反映问题？
//!   [1] 秦岭猕猴桃专业合作社（演示）
//!   [2] 宏达机械制造有限公司（演示）
//! 王建国> 1
//! …
//! 已登记，编号 ZZ-2026-0001。活动办将尽快交办，办理进展会通知您。
//! 📨 有 1 条通知在等 赵主任（输入 :as S001 查看）
//! 王建国> :as S001
//! 现在的身份：赵主任（S001，活动办）
//! 📨 新通知：
//! 📥 新问题待交办：ZZ-2026-0001（王建国 反映）…
//!   [1] ✅ 确认交办
//! ```

mod input;
mod intro;
mod screen;
mod session;

pub use intro::{DemoIntro, demo_intro};
pub use screen::files_dir;

use crate::store::PgPool;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite};

use crate::clock::Clock;
use crate::conversation::Engine;
use crate::i18n::t;
use crate::store::people::{self, Person};
use crate::store::{self, StoreError};
use session::Session;

#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error("terminal input or output failed: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("nobody on the roster is called {0:?}")]
    UnknownPerson(String),
}

impl From<crate::store::DbError> for ConsoleError {
    fn from(e: crate::store::DbError) -> Self {
        ConsoleError::Store(store::map_err(e))
    }
}

/// Runs a console session as `person` (roster code or id) until `:quit` or the end of input.
pub async fn run_session<R, W>(
    engine: &Engine,
    pool: &PgPool,
    mut reader: R,
    writer: W,
    person: &str,
    clock: &Clock,
) -> Result<(), ConsoleError>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let first = find_person(pool, person)
        .await?
        .ok_or_else(|| ConsoleError::UnknownPerson(person.to_string()))?;
    let mut session = Session::new(engine, pool, writer, clock, first.clone());
    let locale = session.locale();
    session.say(&t(locale, "console-welcome")).await?;
    session.switch(first).await?;
    let mut bytes = Vec::new();
    loop {
        session.prompt().await?;
        bytes.clear();
        if reader.read_until(b'\n', &mut bytes).await? == 0 {
            break;
        }
        let Ok(line) = std::str::from_utf8(&bytes) else {
            // Not text: say so and keep the terminal, as for any other bad input.
            let locale = session.locale();
            session.say(&t(locale, "console-not-utf8")).await?;
            continue;
        };
        let line = line.trim_end_matches(['\n', '\r']);
        match session.line(line).await {
            Ok(true) => {}
            Ok(false) => break,
            // The database went away: say so and keep the terminal; it recovers by itself.
            Err(ConsoleError::Store(e)) => {
                tracing::warn!(error = %e, "console could not reach the database");
                let reply = Engine::unavailable_reply(session.locale());
                session.say(&reply.text).await?;
            }
            Err(e) => return Err(e),
        }
    }
    let locale = session.locale();
    session.say(&t(locale, "console-bye")).await?;
    Ok(())
}

async fn find_person(pool: &PgPool, key: &str) -> Result<Option<Person>, ConsoleError> {
    let mut conn = pool.acquire().await?;
    Ok(people::by_code_or_id(&mut conn, key).await?)
}
