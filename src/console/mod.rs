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

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

use crate::config::Settings;
use crate::conversation::{
    Button, ChatKind, Engine, Input, InputKind, OutFile, Outcome, Reply, Transport, role_names,
};
use crate::domain::{Role, Roles};
use crate::i18n::{Args, html_to_text, normalize_locale, t, tr};
use crate::store::people::{self, Person};
use crate::store::{self, StoreError, accounts};

#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error("terminal input or output failed: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("nobody on the roster is called {0:?}")]
    UnknownPerson(String),
}

impl From<sqlx::Error> for ConsoleError {
    fn from(e: sqlx::Error) -> Self {
        ConsoleError::Store(store::map_err(e))
    }
}

/// Where the terminal's time comes from (the wall clock, or a test's).
pub type Clock = dyn Fn() -> DateTime<Utc> + Send + Sync;

/// One terminal conversation: who is speaking, and what the numbers on screen stand for.
struct Session<'a, W> {
    engine: &'a Engine,
    pool: &'a PgPool,
    writer: W,
    clock: &'a Clock,
    person: Person,
    choices: Vec<Button>,
    next_message_id: i64,
}

/// Runs a console session as `person` (roster code or id) until `:quit` or the end of input.
pub async fn run_session<R, W>(
    engine: &Engine,
    pool: &PgPool,
    reader: R,
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
    let mut session = Session {
        engine,
        pool,
        writer,
        clock,
        person: first.clone(),
        choices: Vec::new(),
        next_message_id: 1,
    };
    let locale = session.locale();
    session.say(&t(locale, "console-welcome")).await?;
    session.switch(first).await?;
    let mut lines = reader.lines();
    loop {
        session.prompt().await?;
        let Some(line) = lines.next_line().await? else {
            break;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let result = match line.strip_prefix(':') {
            Some(meta) => session.meta(meta).await,
            None => session.typed(line).await.map(|()| true),
        };
        match result {
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

impl<W: AsyncWrite + Unpin> Session<'_, W> {
    /// A typed line: a number presses that button, anything else is a message.
    async fn typed(&mut self, line: &str) -> Result<(), ConsoleError> {
        let kind = match line.parse::<usize>() {
            Ok(n) if n >= 1 && n <= self.choices.len() => InputKind::Callback {
                data: self.choices[n - 1].data.clone(),
                message_id: None,
            },
            _ => InputKind::Text {
                text: line.to_string(),
            },
        };
        self.send(kind).await
    }

    fn locale(&self) -> &'static str {
        normalize_locale(&self.person.locale)
    }

    async fn write(&mut self, text: &str) -> Result<(), ConsoleError> {
        self.writer.write_all(text.as_bytes()).await?;
        self.writer.flush().await?;
        Ok(())
    }

    async fn say(&mut self, html: &str) -> Result<(), ConsoleError> {
        let text = format!("{}\n", html_to_text(html));
        self.write(&text).await
    }

    async fn prompt(&mut self) -> Result<(), ConsoleError> {
        let text = format!("{}> ", self.person.name);
        self.write(&text).await
    }

    /// `:as`, `:who`, `:photo`, `:file`, `:help`, `:quit`. Returns false to end the session.
    async fn meta(&mut self, line: &str) -> Result<bool, ConsoleError> {
        let (word, rest) = match line.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (line, ""),
        };
        let locale = self.locale();
        match word.to_ascii_lowercase().as_str() {
            "q" | "quit" | "exit" => return Ok(false),
            "as" => match find_person(self.pool, rest).await? {
                Some(p) if !rest.is_empty() => self.switch(p).await?,
                _ => {
                    let text = tr(
                        locale,
                        "console-unknown-person",
                        Args::new().str("person", rest),
                    );
                    self.say(&text).await?;
                }
            },
            "who" => self.who().await?,
            "photo" | "file" => {
                let n = self.next_message_id;
                let caption = (!rest.is_empty()).then(|| rest.to_string());
                let kind = if word.eq_ignore_ascii_case("photo") {
                    InputKind::Photo {
                        file_id: format!("console-photo-{n}"),
                        caption,
                    }
                } else {
                    InputKind::Document {
                        file_id: format!("console-file-{n}"),
                        file_name: caption.clone(),
                        mime_type: None,
                        size: None,
                        caption: None,
                    }
                };
                self.send(kind).await?;
            }
            "help" | "h" | "?" => self.say(&t(locale, "console-welcome")).await?,
            _ => self.say(&t(locale, "console-unknown-meta")).await?,
        }
        Ok(true)
    }

    async fn switch(&mut self, person: Person) -> Result<(), ConsoleError> {
        let now = (self.clock)();
        let mut conn = self.pool.acquire().await?;
        accounts::ensure_console(&mut conn, person.id, now).await?;
        drop(conn);
        self.person = person;
        self.choices.clear();
        let locale = self.locale();
        let text = tr(
            locale,
            "console-now-as",
            Args::new()
                .str("name", &self.person.name)
                .str("code", &self.person.code)
                .str("roles", role_names(locale, &self.person.roles)),
        );
        self.say(&text).await?;
        self.deliver(Vec::new()).await
    }

    async fn who(&mut self) -> Result<(), ConsoleError> {
        let mut conn = self.pool.acquire().await?;
        let personas = store::console::personas(&mut conn, 20).await?;
        drop(conn);
        let locale = self.locale();
        let mut lines = vec![t(locale, "console-who-title")];
        for p in personas {
            lines.push(tr(
                locale,
                "console-who-line",
                Args::new()
                    .str("code", p.code)
                    .str("name", p.name)
                    .str("roles", role_names(locale, &Roles::from_codes(&p.roles))),
            ));
        }
        self.say(&lines.join("\n")).await
    }

    /// Hands one input to the engine in a transaction, then shows what came back.
    async fn send(&mut self, kind: InputKind) -> Result<(), ConsoleError> {
        let input = Input {
            transport: Transport::new("console"),
            chat_id: self.person.id,
            chat_kind: ChatKind::Private,
            user_id: self.person.id,
            user_name: Some(self.person.code.clone()),
            language_code: None,
            kind,
        };
        let now = (self.clock)();
        let outcome = match self.handle(&input, now).await {
            Ok(outcome) => outcome,
            Err(e) => {
                tracing::error!(error = %e, "console input failed");
                let locale = self.locale();
                let reply = if e.is_unavailable() {
                    Engine::unavailable_reply(locale)
                } else {
                    Engine::internal_error_reply(locale)
                };
                Outcome {
                    replies: vec![reply],
                    callback_answer: None,
                }
            }
        };
        // The reply may have switched the language.
        if let Ok(Some(p)) = self.reload_person().await {
            self.person = p;
        }
        let mut shown = Vec::new();
        let locale = self.locale();
        // A bare acknowledgement says nothing on a terminal; real notices are shown.
        let plain_ok = t(locale, "bot-button-ok");
        if let Some(answer) = outcome
            .callback_answer
            .filter(|a| !a.is_empty() && *a != plain_ok)
        {
            let text = tr(locale, "console-answer", Args::new().str("text", answer));
            shown.push(Reply::text(text));
        }
        shown.extend(outcome.replies);
        self.deliver(shown).await
    }

    async fn reload_person(&self) -> Result<Option<Person>, ConsoleError> {
        let mut conn = self.pool.acquire().await?;
        Ok(people::by_id(&mut conn, self.person.id).await?)
    }

    /// Takes this person's queued messages and counts the others'.
    async fn pending(
        &self,
        now: DateTime<Utc>,
    ) -> Result<(Vec<store::console::Delivery>, Vec<store::console::Waiting>), ConsoleError> {
        let mut tx = self.pool.begin().await?;
        let notes = store::console::take(&mut tx, self.person.id, now).await?;
        let waiting = store::console::waiting(&mut tx, self.person.id).await?;
        tx.commit().await?;
        Ok((notes, waiting))
    }

    async fn handle(
        &mut self,
        input: &Input,
        now: DateTime<Utc>,
    ) -> Result<Outcome, crate::conversation::EngineError> {
        let mut tx = self.pool.begin().await?;
        let outcome = self.engine.handle(&mut tx, input, now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Prints replies, then the notifications waiting for this person, numbering every button;
    /// then who else has messages waiting.
    async fn deliver(&mut self, replies: Vec<Reply>) -> Result<(), ConsoleError> {
        let now = (self.clock)();
        // Replies are shown even when the notifications cannot be fetched right now.
        let (notes, waiting) = match self.pending(now).await {
            Ok(found) => found,
            Err(e) => {
                tracing::warn!(error = %e, "console could not fetch notifications");
                (Vec::new(), Vec::new())
            }
        };
        let mut out = String::new();
        let mut choices = Vec::new();
        let locale = self.locale();
        let mut blocks: Vec<(Option<String>, Reply)> =
            replies.into_iter().map(|r| (None, r)).collect();
        blocks.extend(
            notes
                .into_iter()
                .map(|n| (Some(t(locale, "console-notice")), n.body)),
        );
        for (header, reply) in blocks {
            self.next_message_id += 1;
            if let Some(h) = header {
                out.push_str(&html_to_text(&h));
                out.push('\n');
            }
            let text = html_to_text(&reply.text);
            if !text.trim().is_empty() {
                out.push_str(text.trim_end());
                out.push('\n');
            }
            if let Some(photo) = &reply.photo {
                out.push_str(&html_to_text(&tr(
                    locale,
                    "console-photo",
                    Args::new()
                        .str("name", &photo.name)
                        .num("kb", kilobytes(photo.bytes.len())),
                )));
                out.push('\n');
            }
            if let Some(document) = &reply.document {
                out.push_str(&html_to_text(&save_document(locale, document).await));
                out.push('\n');
            }
            for button in reply.buttons.into_iter().flatten() {
                choices.push(button);
                out.push_str(&format!(
                    "  [{}] {}\n",
                    choices.len(),
                    html_to_text(&choices[choices.len() - 1].label)
                ));
            }
        }
        for w in waiting {
            out.push_str(&html_to_text(&tr(
                locale,
                "console-waiting",
                Args::new()
                    .num("count", w.count as f64)
                    .str("name", w.name)
                    .str("code", w.code),
            )));
            out.push('\n');
        }
        if !choices.is_empty() {
            self.choices = choices;
        }
        self.write(&out).await
    }
}

/// Sizes as people read them: whole kilobytes, at least one.
fn kilobytes(bytes: usize) -> f64 {
    bytes.div_ceil(1024).max(1) as f64
}

/// Where the terminal puts the files the bot sends (a spreadsheet), since it cannot show them.
pub fn files_dir() -> PathBuf {
    std::env::temp_dir().join("zhuqi-files")
}

/// Writes a document the bot sent into `files_dir()` and says where it is (or why it is not).
async fn save_document(locale: &str, document: &OutFile) -> String {
    let name = Path::new(&document.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let dir = files_dir();
    let path = dir.join(&name);
    let written = match tokio::fs::create_dir_all(&dir).await {
        Ok(()) => tokio::fs::write(&path, &document.bytes).await,
        Err(e) => Err(e),
    };
    match written {
        Ok(()) => tr(
            locale,
            "console-document",
            Args::new()
                .str("name", &name)
                .num("kb", kilobytes(document.bytes.len()))
                .str("path", path.display().to_string()),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "console could not save a document");
            tr(
                locale,
                "console-document-failed",
                Args::new().str("name", &name).str("error", e.to_string()),
            )
        }
    }
}

/// `zhuqi chat --as PERSON`: a console session on the configured database.
pub async fn cli_chat(settings: Settings, person: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    let pool = crate::app::open(&settings).await?;
    let calendar = settings
        .calendar()
        .context("reading the working-day calendar")?;
    let engine = Engine::new(Arc::new(settings), Arc::new(calendar));
    let stdin = tokio::io::BufReader::new(tokio::io::stdin());
    let clock = Utc::now;
    run_session(&engine, &pool, stdin, tokio::io::stdout(), person, &clock)
        .await
        .with_context(|| format!("console session as {person}"))
}

/// `zhuqi run` with no bot token: the console on demo data, seeded when the ledger is empty.
pub async fn run_demo(settings: Settings, pool: PgPool) -> anyhow::Result<()> {
    use anyhow::Context;
    let now = Utc::now();
    // A real roster is used as it is; only an empty ledger gets the demo county.
    if !crate::demo::is_seeded(&pool).await?
        && let Err(e) = crate::demo::seed(&pool, &settings, now).await
        && !matches!(
            e.downcast_ref(),
            Some(crate::demo::DemoError::RosterNotEmpty)
        )
    {
        return Err(e.context("seeding demo data"));
    }
    let locale = normalize_locale(&settings.default_locale);
    let mut conn = pool.acquire().await?;
    let personas = store::console::personas(&mut conn, 20).await?;
    drop(conn);
    let mut lines = vec![t(locale, "console-demo-intro")];
    let mut start = None;
    for role in [Role::Cadre, Role::Dispatcher, Role::Officer, Role::Leader] {
        if let Some(p) = personas
            .iter()
            .find(|p| p.roles.iter().any(|r| r == role.code()))
        {
            start.get_or_insert_with(|| p.code.clone());
            lines.push(tr(
                locale,
                "console-demo-role",
                Args::new()
                    .str("role", t(locale, &format!("role-{}", role.code())))
                    .str("name", &p.name)
                    .str("code", &p.code),
            ));
        }
    }
    println!("{}", html_to_text(&lines.join("\n")));
    let start = start.context("the ledger has nobody to chat as")?;
    let calendar = settings
        .calendar()
        .context("reading the working-day calendar")?;
    let engine = Engine::new(Arc::new(settings), Arc::new(calendar));
    let stdin = tokio::io::BufReader::new(tokio::io::stdin());
    let clock = Utc::now;
    run_session(&engine, &pool, stdin, tokio::io::stdout(), &start, &clock)
        .await
        .context("console session")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_shown_in_whole_kilobytes() {
        assert_eq!(kilobytes(0), 1.0);
        assert_eq!(kilobytes(1024), 1.0);
        assert_eq!(kilobytes(1025), 2.0);
        assert_eq!(kilobytes(12 * 1024), 12.0);
    }

    #[tokio::test]
    async fn a_document_is_saved_under_its_own_name_only() {
        let document = OutFile {
            name: "../../台账-测试.xlsx".into(),
            bytes: b"PK\x03\x04 test".to_vec(),
        };
        let said = save_document("zh-CN", &document).await;
        let path = files_dir().join("台账-测试.xlsx");
        assert_eq!(
            said,
            tr(
                "zh-CN",
                "console-document",
                Args::new()
                    .str("name", "台账-测试.xlsx")
                    .num("kb", 1.0)
                    .str("path", path.display().to_string()),
            )
        );
        assert_eq!(std::fs::read(&path).unwrap(), document.bytes);
        std::fs::remove_file(&path).unwrap();
    }
}
