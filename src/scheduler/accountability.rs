//! The daily accountability job (`schedule.accountability`, working days): 不断线 — cadres
//! silent for twice the visit period are told to their unit head and the campaign office, once
//! per silence — then the 问责 rules of `[accountability]`, each of which proposes a measure to
//! the leaders (one digest per leader, a button per measure). Nothing goes to the person a
//! measure concerns until a leader confirms it (the engine does that).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate, TimeDelta};
use serde_json::json;

use super::SchedulerError;
use super::directory::{Directory, Target};
use super::jobs::Tick;
use super::projects::button;
use crate::conversation::state::{AccountOp, Press};
use crate::domain::NoticeKind as Kind;
use crate::domain::accountability::{self as acc, MonthScore, Rule};
use crate::i18n::{Args, tr};
use crate::message::Reply;
use crate::reports::{self, PeriodSpec, Scope, measures as render};
use crate::store::measures::{self, CadreActivity, MeasureRow, NewMeasure};
use crate::store::outbox::{NewNotification, Recipient};

/// Measures named (with a button) in one leader's digest; the rest are in `/measures`.
const NAMED: usize = 10;

/// The job. Decides nothing on days off.
pub async fn daily(tick: &mut Tick<'_>) -> Result<(), SchedulerError> {
    if !tick.calendar.is_working_day(tick.today) {
        return Ok(());
    }
    let dir = Directory::load(tick.conn, tick.settings).await?;
    let activity = measures::cadre_activity(tick.conn).await?;
    let silent: Vec<(&CadreActivity, NaiveDate)> =
        activity.iter().map(|a| (a, since_of(tick, a))).collect();
    escalate_silences(tick, &dir, &silent).await?;

    let mut proposals = silence_rule(tick, &silent);
    proposals.extend(red_card_rule(tick, &dir).await?);
    proposals.extend(returns_rule(tick, &dir).await?);
    proposals.extend(score_rule(tick, &dir).await?);
    let repeat = tick.settings.accountability.repeat_days;
    let mut proposed = Vec::new();
    for p in &proposals {
        if let Some(id) = measures::propose(tick.conn, p, repeat, false, tick.now).await?
            && let Some(row) = measures::by_id(tick.conn, id).await?
        {
            proposed.push(row);
        }
    }
    tell_leaders(tick, &dir, &proposed).await
}

/// The day a cadre's silence began.
fn since_of(tick: &Tick<'_>, a: &CadreActivity) -> NaiveDate {
    let last_case = a.last_case.map(|t| tick.local_date(t));
    let last = a.last_visit.max(last_case);
    acc::silent_since(last, tick.local_date(a.tracked_since))
}

/// Silences newly at twice the visit period: one message to each unit head (their cadres) and
/// to each dispatcher (all of them).
async fn escalate_silences(
    tick: &mut Tick<'_>,
    dir: &Directory,
    silent: &[(&CadreActivity, NaiveDate)],
) -> Result<(), SchedulerError> {
    let every = tick.settings.limits.visit_every_days;
    let due: Vec<(i64, NaiveDate)> = silent
        .iter()
        .filter(|(_, since)| acc::silence_escalates(*since, tick.today, every))
        .map(|(a, since)| (a.cadre_id, *since))
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    let marked = measures::mark_silences(tick.conn, &due, tick.now).await?;
    let dispatchers = dir.dispatchers();
    let mut by_person: BTreeMap<i64, Vec<(i64, &str, NaiveDate)>> = BTreeMap::new();
    for (a, since) in silent {
        if !marked.contains(&(a.cadre_id, *since)) {
            continue;
        }
        let head = dir.head_id(a.department_id);
        for person in head.iter().chain(dispatchers.iter()) {
            let list = by_person.entry(*person).or_default();
            if !list.iter().any(|(id, ..)| *id == a.cadre_id) {
                list.push((a.cadre_id, &a.name, *since));
            }
        }
    }
    let today = tick.today;
    for (person, list) in by_person {
        let to: Vec<Target> = dir.person(person).into_iter().collect();
        tick.notify(Kind::SilenceEscalated, &to, None, tick.now, false, |l| {
            let mut lines = vec![tr(
                l,
                "acc-silence-head",
                Args::new()
                    .num("count", list.len() as f64)
                    .num("days", f64::from(2 * every)),
            )];
            lines.extend(list.iter().map(|(_, name, since)| {
                tr(
                    l,
                    "acc-silence-line",
                    Args::new()
                        .str("cadre", name)
                        .str("since", since.to_string())
                        .num("days", acc::silent_days(*since, today) as f64),
                )
            }));
            lines.join("\n")
        })
        .await?;
    }
    Ok(())
}

/// A cadre with no visit, zero report or case for `silent_days` days.
fn silence_rule(tick: &Tick<'_>, silent: &[(&CadreActivity, NaiveDate)]) -> Vec<NewMeasure> {
    let days = tick.settings.accountability.silent_days;
    if days == 0 {
        return vec![];
    }
    silent
        .iter()
        .filter(|(_, since)| acc::silent_days(*since, tick.today) >= i64::from(days))
        .map(|(a, since)| {
            let days = acc::silent_days(*since, tick.today);
            NewMeasure::silence(a.cadre_id, &a.name, a.department_id, *since, days)
        })
        .collect()
}

/// A red card older than `red_card_days` working days: the case's assignee (or its department's
/// head) is held to account.
async fn red_card_rule(
    tick: &mut Tick<'_>,
    dir: &Directory,
) -> Result<Vec<NewMeasure>, SchedulerError> {
    let n = tick.settings.accountability.red_card_days;
    if n == 0 {
        return Ok(vec![]);
    }
    let beyond = i64::from(tick.settings.limits.red_after_days + n);
    // Working days never outnumber calendar days: older deadlines only.
    let before = tick.today - TimeDelta::days(beyond);
    let late = measures::late_cases(tick.conn, before).await?;
    Ok(late
        .into_iter()
        .filter_map(|c| {
            let days = tick.calendar.working_days_between(c.deadline, tick.today);
            let person = c.assignee_id.or_else(|| dir.head_id(c.department_id));
            (days > beyond).then(|| NewMeasure::red_card(&c, person, days))
        })
        .collect())
}

/// A unit measure: addressed to the unit's head.
fn unit_measure(
    dir: &Directory,
    rule: Rule,
    department: i64,
    evidence: serde_json::Value,
) -> NewMeasure {
    NewMeasure {
        rule,
        subject: format!("department:{department}"),
        person_id: dir.head_id(Some(department)),
        department_id: Some(department),
        case_id: None,
        measure: rule.default_measure(),
        evidence,
    }
}

/// A unit that returned `returns` cases within `returns_days` days.
async fn returns_rule(
    tick: &mut Tick<'_>,
    dir: &Directory,
) -> Result<Vec<NewMeasure>, SchedulerError> {
    let cfg = &tick.settings.accountability;
    let (k, days) = (cfg.returns, cfg.returns_days);
    if k == 0 || days == 0 {
        return Ok(vec![]);
    }
    let since = tick.now - TimeDelta::days(i64::from(days));
    let counts = measures::returns_since(tick.conn, since).await?;
    Ok(counts
        .into_iter()
        .filter(|(_, n)| *n >= i64::from(k))
        .filter_map(|(d, n)| {
            let name = dir.department_name(d)?;
            Some(unit_measure(
                dir,
                Rule::Returns,
                d,
                json!({"department": name, "count": n, "days": days}),
            ))
        })
        .collect())
}

/// A unit whose monthly score was below `score_below`, or last, `score_months` months running.
async fn score_rule(
    tick: &mut Tick<'_>,
    dir: &Directory,
) -> Result<Vec<NewMeasure>, SchedulerError> {
    let cfg = tick.settings.accountability.clone();
    if cfg.score_months == 0 {
        return Ok(vec![]);
    }
    let this_month = tick.today.with_day(1).unwrap_or(tick.today);
    // Latest month first.
    let mut history: BTreeMap<i64, Vec<MonthScore>> = BTreeMap::new();
    let mut scores: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for i in 1..=cfg.score_months {
        let (Some(from), Some(next)) = (
            this_month.checked_sub_months(Months::new(i)),
            this_month.checked_sub_months(Months::new(i - 1)),
        ) else {
            break;
        };
        let to = next.checked_sub_days(Days::new(1)).unwrap_or(next);
        let report = tick.report(Scope::County, PeriodSpec::Range { from, to });
        let a = reports::assessment(tick.conn, &report).await?;
        let scored: Vec<(i64, Option<f64>)> = a
            .departments
            .iter()
            .map(|r| (r.id, reports::assess::score(r, &tick.settings.assessment)))
            .collect();
        let lowest = scored
            .iter()
            .filter_map(|(_, s)| *s)
            .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.min(s))));
        let many = scored.iter().filter(|(_, s)| s.is_some()).count() > 1;
        for (id, score) in scored {
            let last = many && score.is_some() && score == lowest;
            history
                .entry(id)
                .or_default()
                .push(MonthScore { score, last });
            scores
                .entry(id)
                .or_default()
                .push(score.map_or_else(|| "-".into(), |s| format!("{s:.1}")));
        }
    }
    Ok(history
        .into_iter()
        .filter(|(_, h)| {
            acc::score_rule_fires(h, cfg.score_months, cfg.score_below, cfg.score_last_place)
        })
        .filter_map(|(d, _)| {
            let name = dir.department_name(d)?;
            let list = scores.get(&d).map(|s| s.join(" / ")).unwrap_or_default();
            Some(unit_measure(
                dir,
                Rule::Score,
                d,
                json!({
                    "department": name,
                    "months": cfg.score_months,
                    "scores": list,
                    "below": cfg.score_below,
                }),
            ))
        })
        .collect())
}

/// One digest per leader: the measures just proposed, each with a button that opens it.
async fn tell_leaders(
    tick: &mut Tick<'_>,
    dir: &Directory,
    proposed: &[MeasureRow],
) -> Result<(), SchedulerError> {
    if proposed.is_empty() {
        return Ok(());
    }
    let not_before = super::rules::release_at(
        tick.now,
        false,
        &tick.settings.quiet_hours,
        tick.settings.timezone,
    );
    let mut queued = 0;
    for leader in dir.leaders() {
        let Recipient::Person(person) = leader.recipient else {
            continue;
        };
        let l = leader.locale.as_str();
        let mut lines = vec![tr(
            l,
            "acc-proposed-head",
            Args::new().num("count", proposed.len() as f64),
        )];
        let mut buttons = Vec::new();
        for row in proposed.iter().take(NAMED) {
            lines.push(render::line(l, row));
            let label = tr(
                l,
                "acc-open-button",
                Args::new()
                    .num("id", row.id as f64)
                    .str("subject", render::subject(l, row)),
            );
            let press = Press::Account {
                op: AccountOp::Open { measure_id: row.id },
            };
            buttons.push(vec![button(tick, person, &label, &press).await?]);
        }
        if proposed.len() > NAMED {
            lines.push(tr(
                l,
                "acc-more",
                Args::new().num("count", (proposed.len() - NAMED) as f64),
            ));
        }
        let n = NewNotification {
            recipient: leader.recipient,
            case_id: None,
            kind: Kind::MeasureProposed.code().to_string(),
            due_at: tick.now,
            not_before,
            body: Reply::text(lines.join("\n")).with_buttons(buttons),
        };
        if crate::store::outbox::enqueue(tick.conn, &n, tick.now).await? {
            queued += 1;
        }
    }
    if queued > 0 {
        tick.count(BTreeMap::from([(
            Kind::MeasureProposed.code().to_string(),
            queued,
        )]));
    }
    Ok(())
}
