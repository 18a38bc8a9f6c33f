//! One terminal conversation: typed lines and meta commands become the engine's inputs, handed
//! to the engine in a transaction; what comes back is shown by `screen`.

use crate::store::PgPool;
use chrono::{DateTime, Utc};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::input::{self, Line};
use super::{ConsoleError, find_person};
use crate::clock::Clock;
use crate::conversation::{Engine, Unfinished, role_names};
use crate::domain::Roles;
use crate::i18n::{Args, html_to_text, normalize_locale, t, tr};
use crate::message::{Button, ChatKind, Input, InputKind, Outcome, Reply, Transport};
use crate::store::people::{self, Person};
use crate::store::{self, accounts};

/// The transport code of terminal chats.
const TRANSPORT: &str = "console";

/// Who is speaking, and what the numbers on screen stand for.
pub(super) struct Session<'a, W> {
    pub(super) engine: &'a Engine,
    pub(super) pool: &'a PgPool,
    pub(super) writer: W,
    pub(super) clock: &'a Clock,
    pub(super) person: Person,
    pub(super) choices: Vec<Button>,
    pub(super) next_message_id: i64,
}

impl<'a, W: AsyncWrite + Unpin> Session<'a, W> {
    pub(super) fn new(
        engine: &'a Engine,
        pool: &'a PgPool,
        writer: W,
        clock: &'a Clock,
        person: Person,
    ) -> Self {
        Session {
            engine,
            pool,
            writer,
            clock,
            person,
            choices: Vec::new(),
            next_message_id: 1,
        }
    }
}

impl<W: AsyncWrite + Unpin> Session<'_, W> {
    /// One typed line: handed to the engine, or done by the terminal. Returns false to end the
    /// session.
    pub(super) async fn line(&mut self, line: &str) -> Result<bool, ConsoleError> {
        let locale = self.locale();
        match input::read(line, &self.choices, self.next_message_id) {
            Line::Empty => {}
            Line::Engine(kind) => self.send(kind).await?,
            Line::Quit => return Ok(false),
            Line::As(key) => match find_person(self.pool, &key).await? {
                Some(p) if !key.is_empty() => self.switch(p).await?,
                _ => {
                    let text = tr(
                        locale,
                        "console-unknown-person",
                        Args::new().str("person", &key),
                    );
                    self.say(&text).await?;
                }
            },
            Line::Who => self.who().await?,
            Line::Help => self.say(&t(locale, "console-welcome")).await?,
            Line::UnknownMeta => self.say(&t(locale, "console-unknown-meta")).await?,
        }
        Ok(true)
    }

    pub(super) fn locale(&self) -> &'static str {
        normalize_locale(&self.person.locale)
    }

    pub(super) async fn write(&mut self, text: &str) -> Result<(), ConsoleError> {
        self.writer.write_all(text.as_bytes()).await?;
        self.writer.flush().await?;
        Ok(())
    }

    pub(super) async fn say(&mut self, html: &str) -> Result<(), ConsoleError> {
        let text = format!("{}\n", html_to_text(html));
        self.write(&text).await
    }

    pub(super) async fn prompt(&mut self) -> Result<(), ConsoleError> {
        let text = format!("{}> ", self.person.name);
        self.write(&text).await
    }

    pub(super) async fn switch(&mut self, person: Person) -> Result<(), ConsoleError> {
        let now = self.clock.now();
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
        self.deliver(Vec::new()).await?;
        self.resume().await
    }

    /// Where this person's terminal chat was left in an earlier session: a report draft asks
    /// again what it lacks (its choices numbered anew); a step waiting for words says so.
    async fn resume(&mut self) -> Result<(), ConsoleError> {
        let mut conn = self.pool.acquire().await?;
        let unfinished = self
            .engine
            .unfinished(&mut conn, TRANSPORT, self.person.id)
            .await;
        drop(conn);
        match unfinished {
            Ok(Some(Unfinished::Report)) => {
                self.say(&t(self.locale(), "console-unfinished-report"))
                    .await?;
                let kind = InputKind::Command {
                    name: "report".into(),
                    args: String::new(),
                };
                self.send(kind).await
            }
            Ok(Some(Unfinished::Step)) => {
                self.say(&t(self.locale(), "console-unfinished-step")).await
            }
            Ok(None) => Ok(()),
            Err(e) => {
                // Nothing to resume is shown; the next input meets the same database.
                tracing::warn!(error = %e, "console could not read where the chat was left");
                Ok(())
            }
        }
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
            transport: Transport::new(TRANSPORT),
            chat_id: self.person.id,
            chat_kind: ChatKind::Private,
            user_id: self.person.id,
            user_name: Some(self.person.code.clone()),
            language_code: None,
            kind,
        };
        let now = self.clock.now();
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
    pub(super) async fn pending(
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
}
