//! One input being handled for a known person: the context every flow works with (who speaks,
//! in which language, the chat's state, the replies so far), and the buttons made for them.

use crate::store::PgConnection;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::engine::{Engine, EngineError};
use super::state::{BUTTON_TTL_DAYS, Press, State};
use super::text;
use crate::domain::{Action, TransitionError};
use crate::i18n::{Args, t, tr};
use crate::message::{Button, Input, InputKind, PRESS_NOTICE_MAX, Reply};
use crate::store::cases::{Acted, CaseError};
use crate::store::corrections::CorrectionError;
use crate::store::people::Person;
use crate::store::service_modes::ModeError;
use crate::store::{self, StoreError};

/// One input being handled for a known person: the context every flow works with.
pub(crate) struct Turn<'a> {
    pub engine: &'a Engine,
    pub conn: &'a mut PgConnection,
    pub input: &'a Input,
    pub person: Person,
    /// Whether the person heads a department, read with them at the start of the update.
    pub heads: bool,
    pub locale: &'static str,
    pub now: DateTime<Utc>,
    /// When the chat was last used before this input (none for its first).
    pub last_used: Option<DateTime<Utc>>,
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

    /// Says something as the answer to a button press, or as a message otherwise (and when it
    /// is longer than a press's notice can show).
    pub fn notice(&mut self, text: String) {
        if self.is_callback()
            && self.callback_answer.is_none()
            && text.chars().count() <= PRESS_NOTICE_MAX
        {
            self.callback_answer = Some(text);
        } else {
            self.replies.push(Reply::text(text));
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.engine.today(self.now)
    }

    /// A deadline this person typed: a working day from today on. Otherwise they are told why
    /// (for a day off, with the next working day), and nothing comes back.
    pub fn typed_deadline(&mut self, raw: &str) -> Option<NaiveDate> {
        let today = self.today();
        let calendar = &self.engine.calendar;
        match super::parse::date(raw, today) {
            None => self.say("bot-deadline-unreadable"),
            Some(date) if date < today => self.say("bot-deadline-past"),
            Some(date) if !calendar.is_working_day(date) => {
                let next = calendar.working_day_on_or_after(date);
                self.say_args(
                    "bot-deadline-day-off",
                    Args::new()
                        .str("date", text::ymd(date))
                        .str("next", text::ymd(next)),
                );
            }
            date => return date,
        }
        None
    }

    /// A roadmap step this person typed as "date text". Otherwise they are told why, and nothing
    /// comes back.
    pub fn typed_step(&mut self, raw: &str) -> Option<(NaiveDate, String)> {
        let today = self.today();
        super::parse::roadmap_step(raw, today)
            .map_err(|key| self.say(key))
            .ok()
    }

    /// The deadlines a dispatcher picks from: the working days the settings give each
    /// difficulty, each once, shortest first.
    pub fn deadline_days(&self) -> Vec<u32> {
        let limits = &self.engine.settings.limits;
        let mut days: Vec<u32> = crate::domain::Difficulty::ALL
            .iter()
            .map(|d| limits.days_for(*d))
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// A button for each of `days` working days from today, labelled by `key` with the days
    /// and the date they end on; `press` gets both.
    pub fn working_day_choices(
        &self,
        key: &str,
        days: impl IntoIterator<Item = u32>,
        press: impl Fn(u32, NaiveDate) -> Press,
    ) -> Vec<ButtonSpec> {
        let today = self.today();
        days.into_iter()
            .map(|n| {
                let date = self.engine.calendar.add_working_days(today, n);
                let label = self.tr(
                    key,
                    Args::new()
                        .num("days", n as f64)
                        .str("date", date.format("%m-%d").to_string()),
                );
                (label, press(n, date))
            })
            .collect()
    }

    /// Turns button specs into buttons this person can press in this chat.
    pub async fn buttons(
        &mut self,
        rows: Vec<Vec<ButtonSpec>>,
    ) -> Result<Vec<Vec<Button>>, EngineError> {
        make_buttons(
            self.conn,
            self.person.id,
            Some(self.input.chat_id),
            rows,
            self.now,
        )
        .await
    }

    /// Says `text` with buttons: replacing the pressed message when `replace` (a list paged or
    /// a menu that changes), else as a new message.
    pub async fn show(
        &mut self,
        text: String,
        rows: Vec<Vec<ButtonSpec>>,
        replace: bool,
    ) -> Result<(), EngineError> {
        let buttons = self.buttons(rows).await?;
        let reply = Reply::text(text).with_buttons(buttons);
        if replace {
            self.push_menu(reply);
        } else {
            self.push(reply);
        }
        Ok(())
    }

    /// The previous/next buttons of page `page` (from 0) of `pages`, labelled by the locale
    /// keys `keys` (previous, next); `to(page)` is what pressing one opens.
    pub fn pager(
        &self,
        page: u32,
        pages: u32,
        keys: (&str, &str),
        to: impl Fn(u32) -> Press,
    ) -> Vec<ButtonSpec> {
        let mut nav = Vec::new();
        if page > 0 {
            nav.push((self.t(keys.0), to(page - 1)));
        }
        if page + 1 < pages {
            nav.push((self.t(keys.1), to(page + 1)));
        }
        nav
    }

    /// Checks a typed text: not blank, not over the limit. Says why when it is refused.
    pub fn take_text(&mut self, raw: &str) -> Option<String> {
        let cleaned = text::clean(raw);
        if text::is_blank(&cleaned) {
            self.say("bot-text-empty");
            return None;
        }
        self.within_limit(&cleaned).then_some(cleaned)
    }

    /// Whether a text is within the length limit. Says by how much it is over when it is not.
    pub fn within_limit(&mut self, text: &str) -> bool {
        let len = text::char_len(text);
        if len > text::MAX_TEXT_CHARS {
            self.say_args(
                "bot-text-too-long",
                Args::new()
                    .num("limit", text::MAX_TEXT_CHARS as f64)
                    .num("length", len as f64),
            );
            return false;
        }
        true
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
            Err(CaseError::Correction(CorrectionError::Store(e)))
            | Err(CaseError::Mode(ModeError::Store(e)))
            | Err(CaseError::Store(e)) => Err(e.into()),
            Err(CaseError::Mode(ModeError::Refused(r))) => {
                let text = super::mode_view::refusal(self.locale, &r);
                self.notice(text);
                Ok(None)
            }
            Err(CaseError::Correction(e)) => {
                let key = match e {
                    CorrectionError::NoStep => "casework-step-gone",
                    CorrectionError::StepDone => "casework-step-already-done",
                    CorrectionError::ExtensionPending => "casework-extension-pending",
                    CorrectionError::ExtensionDecided => "casework-extension-decided",
                    CorrectionError::NotLater => "casework-extension-not-later",
                    CorrectionError::SameItem => "items-link-same",
                    CorrectionError::Store(_) => "error-internal",
                };
                let text = self.t(key);
                self.notice(text);
                Ok(None)
            }
        }
    }
}

/// Creates the tokens for buttons shown to `person_id` in `chat_id` (none: a notice to someone
/// with no bound chat yet).
pub(crate) async fn make_buttons(
    conn: &mut PgConnection,
    person_id: i64,
    chat_id: Option<i64>,
    rows: Vec<Vec<ButtonSpec>>,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<Button>>, EngineError> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut buttons = Vec::with_capacity(row.len());
        for (label, press) in row {
            let action = serde_json::to_value(&press).map_err(StoreError::Json)?;
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
