//! Notices shaped for the person, not the case. The reminder scan hands every case notice it
//! decides to a `Folder`; each recipient gets the day's news named one by one up to a daily cap,
//! and everything else — news beyond the cap, and history (what was already due before the bot
//! started or before the scan that ran last) — in one digest per scan, worst first. What was
//! folded is counted per recipient per day (`notice_totals`), so nothing is dropped in silence.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::store::PgConnection;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::SchedulerError;
use super::directory::Directory;
use super::render::{self, CaseText};
use super::rules::{self, Colour};
use crate::config::Settings;
use crate::conversation::state::{BUTTON_TTL_DAYS, Press};
use crate::domain::{NoticeKind as Kind, WorkCalendar};
use crate::message::{Button, Reply};
use crate::store::StoreError;
use crate::store::callbacks;
use crate::store::outbox::{NewNotification, Recipient};
use crate::store::reminders::{self, NoticeKey, Totals};

mod text;
use text::{digest, message};

/// Rows written per statement.
const BATCH: usize = 1000;

/// A recipient as a map key: groups after people.
type Who = (bool, i64);

fn who(r: Recipient) -> Who {
    match r {
        Recipient::Person(id) => (false, id),
        Recipient::Group(id) => (true, id),
    }
}

fn recipient((group, id): Who) -> Recipient {
    if group {
        Recipient::Group(id)
    } else {
        Recipient::Person(id)
    }
}

/// The case a notice is about, as messages and digest lines name it.
#[derive(Debug, Clone)]
pub struct CaseSummary {
    pub id: i64,
    pub number: String,
    pub enterprise: String,
    pub department: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub supervised: bool,
}

impl CaseSummary {
    fn text(&self) -> CaseText<'_> {
        CaseText {
            number: &self.number,
            enterprise: &self.enterprise,
            department: self.department.as_deref(),
            deadline: self.deadline,
        }
    }
}

/// What an individually named notice says.
#[derive(Debug, Clone)]
pub enum Message {
    /// `key` of `scheduler.ftl` with the case block, and `days` or the colour if given.
    Case {
        key: &'static str,
        days: Option<i64>,
        colour: Option<Colour>,
    },
    /// A resolved case to confirm with the enterprise.
    Confirm { resolved: NaiveDate, days: i64 },
    /// Roadmap steps due together (`sched-milestone`), or overdue (a step's yellow or red card).
    Milestone {
        key: &'static str,
        steps: Vec<(String, NaiveDate)>,
    },
}

/// One decision about a case, shared by all its recipients.
#[derive(Debug)]
pub struct Notice {
    pub kind: Kind,
    pub case: Arc<CaseSummary>,
    pub due: DateTime<Utc>,
    pub message: Message,
    /// The last change of the facts it was decided from (the case, or its roadmap steps).
    pub changed_at: DateTime<Utc>,
}

impl Notice {
    /// Red cards go out even in quiet hours.
    fn urgent(&self) -> bool {
        self.kind == Kind::EscalationRed
    }

    /// Worst first: by kind, then supervised cases, then the oldest deadline.
    fn rank(&self) -> (u8, bool, NaiveDate, i64) {
        let severity = match self.kind {
            Kind::EscalationRed => 0,
            Kind::SignForHead => 1,
            Kind::EscalationYellow => 2,
            Kind::DeadlineOverdue => 3,
            Kind::SignFor => 4,
            Kind::DeadlineToday => 5,
            Kind::Confirm => 6,
            Kind::Milestone => 7,
            _ => 8,
        };
        (
            severity,
            !self.case.supervised,
            self.case.deadline.unwrap_or(NaiveDate::MAX),
            self.case.id,
        )
    }

    fn key(&self, w: Who) -> NoticeKey {
        NoticeKey {
            recipient: recipient(w),
            case_id: self.case.id,
            kind: self.kind.code(),
            due_at: self.due,
        }
    }
}

/// What one recipient's digest of this scan holds.
#[derive(Default)]
struct Digest {
    counts: BTreeMap<Kind, u32>,
    worst: Vec<Arc<Notice>>,
}

impl Digest {
    fn add(&mut self, n: &Arc<Notice>) {
        *self.counts.entry(n.kind).or_default() += 1;
        self.worst.push(Arc::clone(n));
        if self.worst.len() >= 4 * render::MAX_LINES {
            self.trim();
        }
    }

    fn trim(&mut self) {
        self.worst.sort_by_key(|n| n.rank());
        self.worst.truncate(render::MAX_LINES);
    }

    fn total(&self) -> u32 {
        self.counts.values().sum()
    }
}

/// The moment and rules a scan decides with.
pub struct Frame<'a> {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub settings: &'a Settings,
    pub calendar: &'a WorkCalendar,
}

/// Gathers one scan's case notices and decides, per recipient, which are named and which are
/// folded into the digest.
pub struct Folder {
    /// When the previous scan decided; None on the first scan of this database.
    watermark: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    start_of_today: DateTime<Utc>,
    cap: i64,
    named_today: HashMap<Who, i64>,
    /// Today's notices waiting for the check against what was already decided.
    pending: Vec<(Who, Arc<Notice>)>,
    news: Vec<(Who, Arc<Notice>)>,
    digests: HashMap<Who, Digest>,
    folded_keys: Vec<NoticeKey>,
    totals: BTreeMap<(Who, Kind), (i32, i32)>,
}

impl Folder {
    pub async fn new(
        conn: &mut PgConnection,
        frame: &Frame<'_>,
        watermark: Option<DateTime<Utc>>,
    ) -> Result<Folder, SchedulerError> {
        let named_today = reminders::named_on(conn, frame.today)
            .await?
            .into_iter()
            .map(|(r, n)| (who(r), n))
            .collect();
        Ok(Folder {
            watermark,
            now: frame.now,
            start_of_today: rules::start_of_day(frame.today, frame.settings.timezone),
            cap: i64::from(frame.settings.limits.named_per_day),
            named_today,
            pending: vec![],
            news: vec![],
            digests: HashMap::new(),
            folded_keys: vec![],
            totals: BTreeMap::new(),
        })
    }

    /// Takes a notice for `recipients`. Due before today: history, folded unless the previous
    /// scan already saw it. Due today, from facts the previous scan already read (unchanged
    /// since it started): decided by it if it was due by then, news if it fell due since — no
    /// need to ask the database. Otherwise checked against the outbox at the end of the page.
    pub fn add(&mut self, notice: Notice, recipients: impl IntoIterator<Item = Recipient>) {
        if self.decided(notice.due, notice.changed_at) {
            return;
        }
        let notice = Arc::new(notice);
        if notice.due < self.start_of_today {
            for r in recipients {
                self.fold(who(r), &notice, false);
            }
            return;
        }
        if self.watermark.is_some_and(|w| notice.changed_at < w) {
            for r in recipients {
                self.news.push((who(r), Arc::clone(&notice)));
            }
            return;
        }
        for r in recipients {
            self.pending.push((who(r), Arc::clone(&notice)));
        }
    }

    /// Whether a notice due at `due`, from facts last changed at `changed_at`, was decided by
    /// the previous scan: it was due by then, and either it is history or the facts have not
    /// changed since. The scan asks this before it looks up what a notice would name.
    pub fn decided(&self, due: DateTime<Utc>, changed_at: DateTime<Utc>) -> bool {
        self.watermark
            .is_some_and(|w| due <= w && (due < self.start_of_today || changed_at < w))
    }

    fn fold(&mut self, recipient: Who, notice: &Arc<Notice>, keyed: bool) {
        self.digests.entry(recipient).or_default().add(notice);
        self.totals.entry((recipient, notice.kind)).or_default().1 += 1;
        if keyed {
            self.folded_keys.push(notice.key(recipient));
        }
    }

    /// Sorts today's notices of the page into news and (on a first scan) history, leaving out
    /// those already named or folded by an earlier scan.
    pub async fn end_page(&mut self, conn: &mut PgConnection) -> Result<(), SchedulerError> {
        let pending = std::mem::take(&mut self.pending);
        for chunk in pending.chunks(BATCH) {
            let keys: Vec<NoticeKey> = chunk.iter().map(|(r, n)| n.key(*r)).collect();
            let known = reminders::known(conn, &keys).await?;
            for ((r, n), known) in chunk.iter().zip(known) {
                if known {
                    continue;
                }
                if self.watermark.is_some() {
                    self.news.push((*r, Arc::clone(n)));
                } else {
                    self.fold(*r, n, true);
                }
            }
        }
        if self.folded_keys.len() >= BATCH {
            let keys = std::mem::take(&mut self.folded_keys);
            reminders::fold(conn, &keys, self.now).await?;
        }
        Ok(())
    }

    /// Names the news worst first up to each recipient's cap, folds the rest, and queues the
    /// named notices and one digest per recipient. Returns the rows queued by kind.
    pub async fn finish(
        mut self,
        conn: &mut PgConnection,
        frame: &Frame<'_>,
        dir: &Directory,
    ) -> Result<BTreeMap<String, usize>, SchedulerError> {
        self.end_page(conn).await?;
        let mut news = std::mem::take(&mut self.news);
        news.sort_by_key(|(r, n)| (n.rank(), *r));
        let mut named: Vec<NewNotification> = vec![];
        for (r, n) in &news {
            let used = self.named_today.entry(*r).or_default();
            if *used < self.cap {
                *used += 1;
                self.totals.entry((*r, n.kind)).or_default().0 += 1;
                named.push(NewNotification {
                    recipient: recipient(*r),
                    case_id: Some(n.case.id),
                    kind: n.kind.code().to_string(),
                    due_at: n.due,
                    not_before: release(frame, n.urgent()),
                    body: Reply::text(message(dir.locale(recipient(*r)), recipient(*r), n, frame)),
                });
            } else {
                self.fold(*r, n, true);
            }
        }
        let mut queued: BTreeMap<String, usize> = BTreeMap::new();
        for chunk in named.chunks(BATCH) {
            reminders::queue_many(conn, chunk, frame.now).await?;
            for n in chunk {
                *queued.entry(n.kind.clone()).or_default() += 1;
            }
        }
        for chunk in self.folded_keys.chunks(BATCH) {
            reminders::fold(conn, chunk, frame.now).await?;
        }
        let mut digests: Vec<(Who, Digest)> = self.digests.into_iter().collect();
        digests.sort_by_key(|(r, _)| *r);
        let mut rows = vec![];
        for (w, mut d) in digests {
            d.trim();
            let r = recipient(w);
            let urgent = d.counts.contains_key(&Kind::EscalationRed);
            let locale = dir.locale(r);
            let mut body = Reply::text(digest(locale, r, &d, frame));
            if let Some(button) = browse_button(conn, r, &d, locale, frame.now).await? {
                body = body.with_buttons(vec![vec![button]]);
            }
            rows.push(NewNotification {
                recipient: r,
                case_id: None,
                kind: Kind::ScanDigest.code().to_string(),
                due_at: frame.now,
                not_before: release(frame, urgent),
                body,
            });
        }
        for chunk in rows.chunks(BATCH) {
            let n = reminders::queue_many(conn, chunk, frame.now).await?;
            *queued
                .entry(Kind::ScanDigest.code().to_string())
                .or_default() += usize::try_from(n).unwrap_or(0);
        }
        let totals: Vec<Totals> = self
            .totals
            .into_iter()
            .map(|((w, kind), (named, folded))| Totals {
                recipient: recipient(w),
                kind: kind.code(),
                named,
                folded,
            })
            .collect();
        for chunk in totals.chunks(BATCH) {
            reminders::add_totals(conn, frame.today, chunk).await?;
        }
        Ok(queued)
    }
}

fn release(frame: &Frame<'_>, urgent: bool) -> DateTime<Utc> {
    rules::release_at(
        frame.now,
        urgent,
        &frame.settings.quiet_hours,
        frame.settings.timezone,
    )
}

/// The button that pages through the escalated cases, made for a person whose digest holds
/// yellow or red cards (a group is not a person: no button). It names no chat, like the
/// buttons of other notices to people.
async fn browse_button(
    conn: &mut PgConnection,
    r: Recipient,
    d: &Digest,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Option<Button>, SchedulerError> {
    let Recipient::Person(person_id) = r else {
        return Ok(None);
    };
    if !(d.counts.contains_key(&Kind::EscalationRed)
        || d.counts.contains_key(&Kind::EscalationYellow))
    {
        return Ok(None);
    }
    let press = Press::Escalated {
        page: 0,
        edit: false,
    };
    let action = serde_json::to_value(&press).map_err(StoreError::Json)?;
    let ttl = Duration::days(BUTTON_TTL_DAYS);
    let data = callbacks::create(conn, person_id, None, &action, now, ttl).await?;
    Ok(Some(Button {
        label: crate::i18n::t(locale, "sched-digest-browse"),
        data,
    }))
}
