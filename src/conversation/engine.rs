//! The engine: locks the chat, works out who is speaking, runs the flow the chat is in, and
//! stores where the chat is now — all inside the caller's transaction.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::PgConnection;
use std::sync::Arc;

use super::state::{Press, State};
use super::{Button, department};
use super::{
    ChatKind, Input, InputKind, Outcome, Reply, bind, card, dispatch, followup, group, help, lang,
    leader, parse, report, text,
};
use crate::config::Settings;
use crate::domain::{Action, TransitionError, WorkCalendar};
use crate::i18n::{Args, normalize_locale, t, tr};
use crate::store::attachments::FileRef;
use crate::store::cases::{Acted, CaseError};
use crate::store::people::Person;
use crate::store::{self, StoreError};

/// How long a button keeps working after it was sent.
pub const BUTTON_TTL_DAYS: i64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for EngineError {
    fn from(e: sqlx::Error) -> Self {
        EngineError::Store(store::map_err(e))
    }
}

impl EngineError {
    /// Whether the database could not be reached: the person must be told nothing was saved.
    pub fn is_unavailable(&self) -> bool {
        match self {
            EngineError::Store(e) => e.is_unavailable(),
        }
    }
}

/// The conversation engine, shared by every transport.
pub struct Engine {
    pub settings: Arc<Settings>,
    pub calendar: Arc<WorkCalendar>,
    bot_username: Option<String>,
}

/// The commands a person can send, in the order menus show them.
const COMMANDS: [&str; 12] = [
    "report", "my", "visit", "queue", "todo", "case", "overdue", "summary", "help", "lang",
    "cancel", "start",
];

impl Engine {
    pub fn new(settings: Arc<Settings>, calendar: Arc<WorkCalendar>) -> Engine {
        Engine {
            settings,
            calendar,
            bot_username: None,
        }
    }

    /// Sets the bot's own username (without `@`): commands addressed to any other bot are
    /// ignored. Without it, only commands that name no bot are taken.
    pub fn set_bot_username(&mut self, username: Option<String>) {
        self.bot_username = username.map(|u| u.trim_start_matches('@').to_string());
    }

    /// The engine with the bot's own username set (see `set_bot_username`).
    pub fn with_bot_username(mut self, username: Option<String>) -> Engine {
        self.set_bot_username(username);
        self
    }

    pub fn bot_username(&self) -> Option<&str> {
        self.bot_username.as_deref()
    }

    /// The local calendar date at `now`.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.settings.timezone).date_naive()
    }

    /// The commands and their descriptions in `locale`, for the messenger's command menu.
    pub fn commands(locale: &str) -> Vec<(String, String)> {
        COMMANDS
            .iter()
            .map(|c| (c.to_string(), t(locale, &format!("bot-cmd-{c}"))))
            .collect()
    }

    /// Handles one input inside the caller's transaction, which also records the update as
    /// handled: the effect and the update id commit together.
    pub async fn handle(
        &self,
        conn: &mut PgConnection,
        input: &Input,
        now: DateTime<Utc>,
    ) -> Result<Outcome, EngineError> {
        let transport = input.transport.code();
        // Groups and strangers keep no dialogue state (their only writes lock an invite row);
        // a known person's chat is locked before anything else is read or written.
        if input.chat_kind == ChatKind::Group {
            return group::handle(self, conn, input, now).await;
        }
        let Some(person) = store::people::by_account(conn, transport, input.user_id).await? else {
            return bind::stranger(self, conn, input, now).await;
        };
        let locked = store::conversations::lock(conn, transport, input.chat_id, now).await?;
        let state = if locked.person_id == Some(person.id) {
            State::from_json(&locked.state)
        } else {
            State::Idle
        };
        let locale = normalize_locale(&person.locale);
        let mut turn = Turn {
            engine: self,
            conn,
            input,
            person,
            locale,
            now,
            state,
            replies: Vec::new(),
            callback_answer: None,
        };
        route(&mut turn).await?;
        if matches!(input.kind, InputKind::Callback { .. }) && turn.callback_answer.is_none() {
            turn.callback_answer = Some(turn.t("bot-button-ok"));
        }
        store::conversations::save(
            turn.conn,
            transport,
            input.chat_id,
            Some(turn.person.id),
            &turn.state.to_json(),
            now,
        )
        .await?;
        Ok(Outcome {
            replies: turn.replies,
            callback_answer: turn.callback_answer,
        })
    }

    /// What to tell a person whose message could not be stored.
    pub fn unavailable_reply(locale: &str) -> Reply {
        Reply::text(t(locale, "error-db-unavailable"))
    }

    /// What to tell a person when handling failed for any other reason (it has been logged).
    pub fn internal_error_reply(locale: &str) -> Reply {
        Reply::text(t(locale, "error-internal"))
    }
}

/// One input being handled for a known person: the context every flow works with.
pub(crate) struct Turn<'a> {
    pub engine: &'a Engine,
    pub conn: &'a mut PgConnection,
    pub input: &'a Input,
    pub person: Person,
    pub locale: &'static str,
    pub now: DateTime<Utc>,
    pub state: State,
    pub replies: Vec<Reply>,
    pub callback_answer: Option<String>,
}

/// A row of buttons before their tokens exist: label and action.
pub(crate) type ButtonSpec = (String, Press);

impl Turn<'_> {
    pub fn t(&self, key: &str) -> String {
        t(self.locale, key)
    }

    pub fn tr(&self, key: &str, args: Args) -> String {
        tr(self.locale, key, args)
    }

    pub fn say(&mut self, key: &str) {
        let text = self.t(key);
        self.replies.push(Reply::text(text));
    }

    pub fn say_args(&mut self, key: &str, args: Args) {
        let text = self.tr(key, args);
        self.replies.push(Reply::text(text));
    }

    pub fn push(&mut self, reply: Reply) {
        self.replies.push(reply);
    }

    /// A reply that replaces the pressed message (a menu that changes) when there is one.
    pub fn push_menu(&mut self, mut reply: Reply) {
        if let InputKind::Callback { message_id, .. } = &self.input.kind {
            reply.edit_message_id = *message_id;
        }
        self.replies.push(reply);
    }

    /// The short notice shown for a button press (replies stay in the chat as messages).
    pub fn answer(&mut self, text: String) {
        self.callback_answer = Some(text);
    }

    pub fn is_callback(&self) -> bool {
        matches!(self.input.kind, InputKind::Callback { .. })
    }

    /// Says something as the answer to a button press, or as a message otherwise.
    pub fn notice(&mut self, text: String) {
        if self.is_callback() && self.callback_answer.is_none() {
            self.callback_answer = Some(text);
        } else {
            self.replies.push(Reply::text(text));
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.engine.today(self.now)
    }

    /// Turns button specs into buttons this person can press in this chat.
    pub async fn buttons(
        &mut self,
        rows: Vec<Vec<ButtonSpec>>,
    ) -> Result<Vec<Vec<Button>>, EngineError> {
        make_buttons(
            self.conn,
            self.person.id,
            self.input.chat_id,
            rows,
            self.now,
        )
        .await
    }

    /// Checks a typed text: not blank, not over the limit. Says why when it is refused.
    pub fn take_text(&mut self, raw: &str) -> Option<String> {
        let cleaned = text::clean(raw);
        if text::is_blank(&cleaned) {
            self.say("bot-text-empty");
            return None;
        }
        let len = text::char_len(&cleaned);
        if len > text::MAX_TEXT_CHARS {
            self.say_args(
                "bot-text-too-long",
                Args::new()
                    .num("limit", text::MAX_TEXT_CHARS as f64)
                    .num("length", len as f64),
            );
            return None;
        }
        Some(cleaned)
    }

    /// The message for a refused action.
    pub fn refusal(&self, e: &TransitionError) -> String {
        match e {
            TransitionError::RoleNotAllowed => self.t("error-role-not-allowed"),
            TransitionError::OutOfScope => self.t("bot-case-not-found"),
            TransitionError::WrongStatus(s) => self.tr(
                "error-wrong-status",
                Args::new().str("status", self.t(&format!("status-{}", s.code()))),
            ),
            TransitionError::NoteRequired => self.t("error-note-required"),
        }
    }

    /// Applies an action to a case through the ledger. A refusal is told to the person and
    /// gives `None`; only database failures are errors.
    pub async fn act(
        &mut self,
        case_id: i64,
        action: &Action,
    ) -> Result<Option<Acted>, EngineError> {
        let actor = self.person.actor();
        match store::cases::act(self.conn, case_id, &actor, action, self.now).await {
            Ok(acted) => Ok(Some(acted)),
            Err(CaseError::Refused(e)) => {
                let text = self.refusal(&e);
                self.notice(text);
                Ok(None)
            }
            Err(CaseError::NotFound) | Err(CaseError::NoEnterprise) => {
                let text = self.t("bot-case-not-found");
                self.notice(text);
                Ok(None)
            }
            Err(CaseError::Store(e)) => Err(e.into()),
        }
    }
}

/// Creates the tokens for buttons shown to `person_id` in `chat_id`.
pub(crate) async fn make_buttons(
    conn: &mut PgConnection,
    person_id: i64,
    chat_id: i64,
    rows: Vec<Vec<ButtonSpec>>,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<Button>>, EngineError> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut buttons = Vec::with_capacity(row.len());
        for (label, press) in row {
            let action = serde_json::to_value(&press)
                .map_err(|e| StoreError::Db(sqlx::Error::Protocol(e.to_string())))?;
            let data = store::callbacks::create(
                conn,
                person_id,
                chat_id,
                &action,
                now,
                Duration::days(BUTTON_TTL_DAYS),
            )
            .await?;
            buttons.push(Button { label, data });
        }
        if !buttons.is_empty() {
            out.push(buttons);
        }
    }
    Ok(out)
}

async fn route(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let input = turn.input;
    match &input.kind {
        InputKind::Command {
            name,
            args,
            addressed_to,
        } => {
            if parse::is_for_us(addressed_to.as_deref(), turn.engine.bot_username()) {
                command(turn, &name.to_ascii_lowercase(), args).await?;
            }
        }
        InputKind::Text { text } => match parse::command(text) {
            Some(c) => {
                if parse::is_for_us(c.addressed_to.as_deref(), turn.engine.bot_username()) {
                    command(turn, &c.name, &c.args).await?;
                }
            }
            None if text.trim_start().starts_with(['/', '／']) => {
                turn.say("bot-unknown-command");
            }
            None => on_text(turn, text).await?,
        },
        InputKind::Callback { data, .. } => on_press(turn, data).await?,
        InputKind::Photo {
            file_id,
            file_unique_id,
            caption,
        } => {
            let file = FileRef {
                kind: "photo".into(),
                file_id: file_id.clone(),
                file_unique_id: Some(file_unique_id.clone()),
                file_name: None,
                mime_type: None,
                size_bytes: None,
                caption: caption.as_deref().map(text::clean),
            };
            on_file(turn, file).await?;
        }
        InputKind::Document {
            file_id,
            file_unique_id,
            file_name,
            mime_type,
            size,
            caption,
        } => {
            let file = FileRef {
                kind: "document".into(),
                file_id: file_id.clone(),
                file_unique_id: Some(file_unique_id.clone()),
                file_name: file_name.as_deref().map(text::clean),
                mime_type: mime_type.clone(),
                size_bytes: size.and_then(|s| i64::try_from(s).ok()),
                caption: caption.as_deref().map(text::clean),
            };
            on_file(turn, file).await?;
        }
        InputKind::Voice {
            file_id,
            file_unique_id,
            ..
        } => {
            let file = FileRef {
                kind: "voice".into(),
                file_id: file_id.clone(),
                file_unique_id: Some(file_unique_id.clone()),
                file_name: None,
                mime_type: None,
                size_bytes: None,
                caption: None,
            };
            on_file(turn, file).await?;
        }
        InputKind::Location {
            latitude,
            longitude,
        } => {
            let file = FileRef {
                kind: "location".into(),
                file_id: format!("{latitude:.6},{longitude:.6}"),
                file_unique_id: None,
                file_name: None,
                mime_type: None,
                size_bytes: None,
                caption: None,
            };
            on_file(turn, file).await?;
        }
        InputKind::Unsupported { what } => {
            if what == super::UNSUPPORTED_EDITED {
                turn.say("bot-edited-ignored");
            } else {
                turn.say("bot-unsupported");
            }
        }
    }
    Ok(())
}

async fn command(turn: &mut Turn<'_>, name: &str, args: &str) -> Result<(), EngineError> {
    // A new command leaves the flow the chat was in (help and language keep it).
    if !matches!(name, "help" | "lang" | "cancel") {
        if let State::Report(draft) = &turn.state
            && (draft.description.is_some() || !draft.files.is_empty())
            && name != "report"
        {
            turn.say("bot-draft-discarded");
        }
        turn.state = State::Idle;
    }
    match name {
        "start" => bind::start_bound(turn, args).await,
        "help" => help::show(turn).await,
        "cancel" => {
            let key = if turn.state == State::Idle {
                "bot-cancel-nothing"
            } else {
                "bot-cancelled"
            };
            turn.state = State::Idle;
            turn.say(key);
            Ok(())
        }
        "lang" | "language" => lang::command(turn, args).await,
        "report" | "new" => report::start(turn, None).await,
        "my" => followup::my(turn).await,
        "visit" => followup::visit(turn).await,
        "queue" => dispatch::queue(turn).await,
        "todo" => department::todo(turn).await,
        "case" => card::command(turn, args).await,
        "overdue" => leader::overdue(turn).await,
        "summary" => leader::summary(turn).await,
        "bind" => {
            turn.say("bot-bind-private");
            Ok(())
        }
        _ => {
            turn.say("bot-unknown-command");
            Ok(())
        }
    }
}

async fn on_text(turn: &mut Turn<'_>, text: &str) -> Result<(), EngineError> {
    match turn.state.clone() {
        State::Idle => report::idle_text(turn, text).await,
        State::Report(draft) => report::on_text(turn, draft, text).await,
        State::Awaiting { pending } => card::on_pending_text(turn, pending, text).await,
    }
}

async fn on_file(turn: &mut Turn<'_>, file: FileRef) -> Result<(), EngineError> {
    match turn.state.clone() {
        State::Report(draft) => report::on_file(turn, draft, file).await,
        State::Awaiting { pending } => card::on_pending_file(turn, pending, file).await,
        State::Idle => report::idle_file(turn, file).await,
    }
}

async fn on_press(turn: &mut Turn<'_>, data: &str) -> Result<(), EngineError> {
    let Some(token) = store::callbacks::find(turn.conn, data).await? else {
        let text = turn.t("bot-button-unknown");
        turn.answer(text);
        return Ok(());
    };
    if token.person_id != turn.person.id {
        let text = turn.t("bot-button-not-yours");
        turn.answer(text);
        return Ok(());
    }
    if token.expires_at <= turn.now {
        let text = turn.t("bot-button-expired");
        turn.answer(text);
        return Ok(());
    }
    let Ok(press) = serde_json::from_value::<Press>(token.action) else {
        let text = turn.t("bot-button-unknown");
        turn.answer(text);
        return Ok(());
    };
    store::callbacks::mark_used(turn.conn, data, turn.now).await?;
    match press {
        Press::Lang { locale } => lang::press(turn, &locale).await,
        Press::Report { op } => report::press(turn, op).await,
        Press::Case { case_id, op } => card::press(turn, case_id, op).await,
        Press::Dispatch { plan, op } => dispatch::press(turn, plan, op).await,
        Press::Visit { enterprise_id, op } => followup::visit_press(turn, enterprise_id, op).await,
    }
}
