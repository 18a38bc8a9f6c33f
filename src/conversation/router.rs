//! The router: `Engine::handle` locks the chat, works out who is speaking, and routes every
//! input — command, button press, pending text, file — by the chat's state, one function per
//! state, to the flow that owns it. Flows never call each other; only the router knows them all.

use crate::store::PgConnection;
use chrono::{DateTime, Utc};

use super::card::{self, status_label};
use super::engine::{Engine, EngineError};
use super::state::{Pending, Press, ReportDraft, State, TextPurpose};
use super::turn::Turn;
use super::{
    bind, case_search, channel, department, digest, dispatch, followup, group, group_list, guide,
    held, items, lang, leader, menus, parse, people, project_board, project_report, reassign,
    received, rectify, report, reports_chat, said, team, text, township, visit,
};
use crate::domain::commands::{Command, Who};
use crate::domain::inspection::rectification_number;
use case::{case_of, on_case_press, on_fix_press, outdated, show_current};

mod account;
mod case;
mod fix;
mod inspect;
mod mode;
use crate::domain::Satisfaction;
use crate::i18n::{Args, normalize_locale};
use crate::message::{ChatKind, Input, InputKind, Outcome, Reply, UNSUPPORTED_EDITED};
use crate::store;
use crate::store::attachments::{self, FileRef};

impl Engine {
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
        // Read on every update, never cached: an unbound account or a deactivated person is
        // refused from the very next update, in every process.
        let Some(speaker) = store::people::by_account(conn, transport, input.user_id).await? else {
            if let Some(told) = bind::withdrawn(self, conn, input, now).await? {
                return Ok(told);
            }
            return bind::stranger(self, conn, input, now).await;
        };
        let store::people::Speaker { person, heads } = speaker;
        // They wrote: whatever kept the bot from reaching them (a block) is over.
        if !person.reachable {
            store::delivery::mark_person_reachable(&mut *conn, person.id).await?;
        }
        let locked = store::conversations::lock(conn, transport, input.chat_id, now).await?;
        let mut draft_lost = false;
        let state = if locked.person_id == Some(person.id) {
            State::from_json(&locked.state).unwrap_or_else(|e| {
                tracing::warn!(
                    transport,
                    chat_id = input.chat_id,
                    person_id = person.id,
                    error = %e,
                    "a stored conversation state cannot be read; the chat starts afresh"
                );
                draft_lost = true;
                State::Idle
            })
        } else {
            State::Idle
        };
        let locale = normalize_locale(&person.locale);
        let mut turn = Turn {
            engine: self,
            conn,
            input,
            person,
            heads,
            locale,
            now,
            last_used: locked.last_used,
            state,
            replies: Vec::new(),
            callback_answer: None,
        };
        if draft_lost {
            turn.say("bot-state-lost");
        }
        route(&mut turn).await?;
        if matches!(input.kind, InputKind::Callback { .. }) && turn.callback_answer.is_none() {
            turn.callback_answer = Some(turn.t("bot-button-ok"));
        }
        // The lock noted the chat's use; the row is written again only when the state moved.
        let state = turn.state.to_json();
        if draft_lost || state != locked.state || locked.person_id != Some(turn.person.id) {
            store::conversations::save(
                turn.conn,
                transport,
                input.chat_id,
                Some(turn.person.id),
                &state,
                now,
            )
            .await?;
        }
        Ok(Outcome {
            replies: turn.replies,
            callback_answer: turn.callback_answer,
        })
    }
}

async fn route(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let input = turn.input;
    match &input.kind {
        InputKind::Command { name, args } => {
            command(turn, &name.to_ascii_lowercase(), args).await?;
        }
        InputKind::Text { text } => match parse::command(text) {
            Some(c) => command(turn, &c.name, &c.args).await?,
            None if text.trim_start().starts_with(['/', '／']) => {
                let typed = text.trim_start().trim_start_matches(['/', '／']);
                unknown_command(turn, typed.split_whitespace().next().unwrap_or(""));
            }
            None => on_text(turn, text).await?,
        },
        InputKind::Callback { data, .. } => on_press(turn, data).await?,
        InputKind::Unsupported { what } => {
            if what == UNSUPPORTED_EDITED {
                turn.say("bot-edited-ignored");
            } else {
                turn.say("bot-unsupported");
            }
        }
        other => {
            if let Some(file) = received::file_of(other) {
                on_file(turn, file).await?;
            }
        }
    }
    Ok(())
}

async fn command(turn: &mut Turn<'_>, name: &str, args: &str) -> Result<(), EngineError> {
    let Some(command) = Command::parse(name) else {
        unknown_command(turn, name);
        return Ok(());
    };
    // Words held from a flow are left with it; the command acts on the flow as on any other.
    if !matches!(name, "help" | "lang" | "channel")
        && let State::Held(held) = &turn.state
    {
        turn.state = (*held.earlier).clone();
    }
    // `/report` amid a report goes on with that draft rather than dropping it.
    let draft = match &turn.state {
        State::Report(draft) if name == "report" => Some(draft.clone()),
        _ => None,
    };
    // A new command leaves the flow the chat was in (help and language keep it).
    if !matches!(name, "help" | "lang" | "channel" | "cancel") {
        if let State::Report(draft) = &turn.state
            && (draft.description.is_some() || !draft.files.is_empty())
            && name != "report"
        {
            turn.say("bot-draft-discarded");
        }
        turn.state = State::Idle;
    }
    // The one permission check of every command, from the same table as help and the menu.
    let who = menus::who(turn);
    if !command.allows(&who) {
        let text = guide::refusal(turn.locale, command);
        turn.push(Reply::text(text));
        return Ok(());
    }
    run(turn, command, args, draft, &who).await?;
    if !command.takes_words() && !args.trim().is_empty() {
        words_ignored(turn, command, args, &who);
    }
    Ok(())
}

/// A command there is none of: the chat stays where it was (a typo amid a report loses
/// nothing, and says so), and the command it most likely meant, among those the person may
/// use, is named: one people call by that word (`/汇总`), or one a typo away (`/sumary`).
fn unknown_command(turn: &mut Turn<'_>, name: &str) {
    if name == "bind" {
        turn.say("bot-bind-private");
        return;
    }
    let who = menus::who(turn);
    let allowed = || Command::all().filter(|c| c.allows(&who));
    match Command::named_by(name, allowed()).or_else(|| Command::nearest(name, allowed())) {
        Some(meant) => turn.say_args(
            "bot-unknown-command-meant",
            Args::new()
                .str("typed", text::excerpt(name, 32))
                .str("command", meant.name()),
        ),
        None => turn.say("bot-unknown-command"),
    }
    if !matches!(turn.state, State::Idle) {
        turn.say("bot-unknown-command-flow-kept");
    }
}

/// Words after a command that takes none are said to be left aside, so that `/todo 上周` is
/// not read as last week's list; words that name a period point to `/summary`.
fn words_ignored(turn: &mut Turn<'_>, command: Command, args: &str, who: &Who) {
    let words = text::excerpt(args.trim(), 20);
    let period = crate::reports::PeriodSpec::read_on(args, turn.today()).is_ok();
    let key = if period && Command::Summary.allows(who) {
        "bot-words-ignored-period"
    } else {
        "bot-words-ignored"
    };
    turn.say_args(
        key,
        Args::new()
            .str("command", command.name())
            .str("words", words)
            .str("period", args.trim()),
    );
}

/// Runs a command the person may use.
async fn run(
    turn: &mut Turn<'_>,
    command: Command,
    args: &str,
    draft: Option<ReportDraft>,
    who: &Who,
) -> Result<(), EngineError> {
    match command {
        Command::Start => bind::start_bound(turn, args).await,
        Command::Help => {
            let text = guide::render(turn.locale, &turn.person.name, who);
            turn.push(Reply::text(text));
            Ok(())
        }
        Command::Cancel => {
            let key = if turn.state == State::Idle {
                "bot-cancel-nothing"
            } else {
                "bot-cancelled"
            };
            turn.state = State::Idle;
            turn.say(key);
            Ok(())
        }
        Command::Lang => lang::command(turn, args).await,
        Command::Channel => channel::command(turn, args).await,
        Command::Report => report::command(turn, draft, args).await,
        Command::My => followup::my(turn).await,
        Command::Visit => visit::visit(turn, args).await,
        Command::Queue => dispatch::queue(turn).await,
        Command::Todo => department::todo(turn).await,
        Command::Case => {
            let prefix = &turn.engine.settings.case_prefix;
            let year = chrono::Datelike::year(&turn.today());
            if text::is_blank(args) {
                turn.say("bot-case-usage");
                return Ok(());
            }
            if let Some(number) = rectification_number(args, prefix) {
                return rectify::open_numbered(turn, &number).await;
            }
            match parse::case_number(args, prefix, year) {
                Some(number) => card::command(turn, number).await,
                None => case_search::command(turn, args).await,
            }
        }
        Command::Overdue => leader::overdue(turn).await,
        Command::Summary => reports_chat::summary(turn, args).await,
        Command::Assess => reports_chat::assess(turn, args).await,
        Command::Export => reports_chat::export(turn, args).await,
        Command::Groups => group_list::command(turn).await,
        Command::People => people::command(turn, args).await,
        Command::Projects if project_board::shows_board(turn) => project_board::show(turn).await,
        Command::Projects => project_report::mine(turn).await,
        Command::Items => items::command(turn, args).await,
        Command::Measures => account::measures(turn).await,
        Command::CasesOfNote => account::cases_of_note(turn, args).await,
        Command::Inspect | Command::Inspections => inspect::command(turn, command, args).await,
        Command::Team => team::command(turn, args).await,
        Command::Township => township::command(turn).await,
    }
}

/// Typed text, by the chat's state; a command said in words runs, and words typed into a flow
/// left a while ago are held first.
async fn on_text(turn: &mut Turn<'_>, text: &str) -> Result<(), EngineError> {
    if let Some((said, args)) = said::command_in(turn, text) {
        return command(turn, said.name(), &args).await;
    }
    if held::holds(turn) {
        return held::hold(turn, text).await;
    }
    on_state_text(turn, text).await
}

async fn on_state_text(turn: &mut Turn<'_>, text: &str) -> Result<(), EngineError> {
    match turn.state.clone() {
        State::Idle => report::idle_text(turn, text).await,
        State::Report(draft) => report::on_text(turn, draft, text).await,
        State::Awaiting { pending } => on_pending_text(turn, pending, text).await,
        State::Held(_) => held::hold(turn, text).await,
    }
}

/// A file, by the chat's state.
async fn on_file(turn: &mut Turn<'_>, file: FileRef) -> Result<(), EngineError> {
    match turn.state.clone() {
        State::Idle => report::idle_file(turn, file).await,
        State::Report(draft) => report::on_file(turn, draft, file).await,
        State::Awaiting { pending } => on_pending_file(turn, pending, file).await,
        State::Held(_) => {
            turn.say("bot-held-file");
            held::ask(turn).await
        }
    }
}

/// A button press: the token is checked (known, this person's, not expired), then the press
/// goes to the flow it belongs to.
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
    if press.records() {
        if !store::callbacks::claim_once(turn.conn, data, turn.now).await? {
            let text = turn.t("bot-button-used");
            turn.answer(text);
            if let Some(case_id) = case_of(&press) {
                show_current(turn, case_id).await?;
            }
            return Ok(());
        }
    } else {
        store::callbacks::mark_used(turn.conn, data, turn.now).await?;
    }
    match press {
        Press::Lang { locale } => lang::press(turn, &locale).await,
        Press::Report { op, draft } => report::press(turn, op, draft).await,
        Press::Case { case_id, op, seen } => on_case_press(turn, case_id, op, seen).await,
        Press::Dispatch { plan, op, seen } => {
            if let Some(case) = card::visible(turn, plan.case_id).await?
                && outdated(turn, &case, seen, true).await?
            {
                return Ok(());
            }
            dispatch::press(turn, plan, op).await
        }
        Press::Visit { enterprise_id, op } => visit::visit_press(turn, enterprise_id, op).await,
        Press::Summary { target } => reports_chat::summary_press(turn, target).await,
        Press::Chart { target } => reports_chat::chart_press(turn, target).await,
        Press::Assess { period } => reports_chat::assess_press(turn, period).await,
        Press::Escalated { page, edit } => digest::press(turn, page, edit).await,
        Press::People { op } => people::press(turn, op).await,
        Press::Reassign { op } => reassign::press(turn, op).await,
        Press::Fix { case_id, fix, seen } => on_fix_press(turn, case_id, fix, seen).await,
        Press::Project { op } if op.on_board() => project_board::press(turn, op).await,
        // A problem of a progress report becomes a case through the report flow.
        Press::Project { op } => match project_report::press(turn, op).await? {
            Some(draft) => report::start(turn, Some(draft)).await,
            None => Ok(()),
        },
        Press::Items { words, page } => items::page_press(turn, words, page).await,
        Press::Item { item_id } => items::show(turn, item_id).await,
        Press::Mode { case_id, op, seen } => mode::press(turn, case_id, op, seen).await,
        Press::Account { op } => account::press(turn, op).await,
        Press::Inspect { op } => inspect::press(turn, op).await,
        Press::Held { go_on, held } => match held::press(turn, go_on, held) {
            Some(words) if go_on => on_state_text(turn, &words).await,
            Some(words) => on_text(turn, &words).await,
            None => Ok(()),
        },
    }
}

/// A correction's button, on the case as it is now (not a card from an earlier round).
/// The text the bot was waiting for has come: to the flow that asked for it.
async fn on_pending_text(
    turn: &mut Turn<'_>,
    pending: Pending,
    raw: &str,
) -> Result<(), EngineError> {
    match pending {
        Pending::CaseText { case_id, purpose } => {
            let Some(note) = turn.take_text(raw) else {
                return Ok(());
            };
            match purpose {
                TextPurpose::Milestone => department::milestone(turn, case_id, &note).await,
                TextPurpose::RequestInfo => dispatch::request_info(turn, case_id, note).await,
                TextPurpose::SupplyInfo => followup::supply_info(turn, case_id, note).await,
                TextPurpose::Return => department::return_case(turn, case_id, note).await,
                TextPurpose::Progress => department::progress(turn, case_id, note).await,
                TextPurpose::Resolve => department::resolve(turn, case_id, note).await,
                TextPurpose::Note => followup::note(turn, case_id, note).await,
                TextPurpose::Unsatisfied => {
                    followup::confirm(turn, case_id, Satisfaction::Unsatisfied, Some(note)).await
                }
                TextPurpose::Supervise => leader::supervise(turn, case_id, Some(note)).await,
            }
        }
        Pending::Deadline { plan } => dispatch::typed_deadline(turn, plan, raw).await,
        Pending::VisitNote {
            enterprise_id,
            visited_on,
        } => visit::visit_note(turn, enterprise_id, visited_on, raw).await,
        Pending::VisitDate {
            enterprise_id,
            kind,
        } => visit::typed_date(turn, enterprise_id, kind, raw).await,
        Pending::Fix { case_id, text } => fix::text(turn, case_id, text, raw).await,
        Pending::Project { project_id, text } => {
            project_report::text(turn, project_id, text, raw).await
        }
        Pending::Mode { case_id, text } => mode::text(turn, case_id, text, raw).await,
        Pending::Account { text } => account::text(turn, text, raw).await,
        Pending::Inspect { wait } => inspect::text(turn, wait, raw).await,
    }
}

/// A file came while the bot waits for a note about a case: it is kept with the case, and its
/// caption, if any, is taken as the note.
async fn on_pending_file(
    turn: &mut Turn<'_>,
    pending: Pending,
    file: FileRef,
) -> Result<(), EngineError> {
    let Pending::CaseText { case_id, .. } = pending else {
        turn.say("bot-file-not-expected");
        return Ok(());
    };
    let Some(case) = card::visible(turn, case_id).await? else {
        turn.state = State::Idle;
        turn.say("bot-case-not-found");
        return Ok(());
    };
    if !case.status().is_open() {
        turn.state = State::Idle;
        let text = turn.tr(
            "bot-button-stale",
            Args::new()
                .str("number", &case.number)
                .str("status", status_label(turn.locale, case.status())),
        );
        turn.push(Reply::text(text));
        return Ok(());
    }
    let transport = turn.input.transport.code();
    attachments::add(
        turn.conn,
        case.id,
        None,
        transport,
        &file,
        turn.person.id,
        turn.now,
    )
    .await?;
    turn.say_args(
        "bot-file-kept-case",
        Args::new().str("number", &case.number),
    );
    match file.caption.as_deref().filter(|c| !text::is_blank(c)) {
        Some(caption) => on_pending_text(turn, pending, caption).await,
        None => Ok(()),
    }
}
