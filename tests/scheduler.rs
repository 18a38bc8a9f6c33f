//! The scheduler under an injected clock on real PostgreSQL: each rule fires at the right
//! working instant and not before, ticks and notifications happen once across processes,
//! restarts and outages, and delivery loses nothing.

mod support;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use sqlx::PgPool;

use support::db::TestDb;
use support::world::County as World;
use zhuqi::config::Settings;
use zhuqi::conversation::Reply;
use zhuqi::domain::{Action, Actor, Category, Difficulty, Role, Roles, Satisfaction, WorkCalendar};
use zhuqi::i18n::{Args, tr};
use zhuqi::messenger::{DeliveryError, Messenger, SendFuture};
use zhuqi::reports::Request;
use zhuqi::reports::{self, Filter, PeriodSpec, Scope, render::percent, render_summary};
use zhuqi::scheduler::{Job, Scheduler, deliver_due, sender};
use zhuqi::store::{self, cases::NewCase, delivery};

const TZ: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// December 2026 with Wednesday the 9th a holiday (so one week holds a weekend and a holiday).
const CALENDAR: &str = "# test calendar\n2026-12-09 off 节日\n";

fn calendar() -> WorkCalendar {
    WorkCalendar::parse(CALENDAR).expect("the test calendar parses")
}

/// A local (Asia/Shanghai) time like "2026-12-08 16:00".
fn at(s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a test time");
    TZ.from_local_datetime(&naive)
        .single()
        .expect("a real local time")
        .with_timezone(&Utc)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&TZ).format("%Y-%m-%d %H:%M").to_string()
}

fn settings() -> Settings {
    Settings::default()
}

/// A test double of our own `Messenger` trait that records what it is asked to send. Telegram's
/// behaviour is tested against the fake Bot API with the real Telegram messenger.
struct Recorder {
    sent: Mutex<Vec<(i64, String)>>,
    next_id: AtomicI64,
}

impl Recorder {
    fn new() -> Arc<Recorder> {
        Arc::new(Recorder {
            sent: Mutex::new(Vec::new()),
            next_id: AtomicI64::new(1),
        })
    }
    fn count(&self) -> usize {
        self.sent.lock().expect("recorder lock").len()
    }
    fn texts_to(&self, chat: i64) -> Vec<String> {
        self.sent
            .lock()
            .expect("recorder lock")
            .iter()
            .filter(|(c, _)| *c == chat)
            .map(|(_, t)| t.clone())
            .collect()
    }
}

impl Messenger for Recorder {
    fn transport(&self) -> &'static str {
        "console"
    }
    fn send<'a>(&'a self, chat_id: i64, reply: &'a Reply) -> SendFuture<'a> {
        Box::pin(async move {
            self.sent
                .lock()
                .map_err(|_| DeliveryError::Transient("poisoned".into()))?
                .push((chat_id, reply.text.clone()));
            Ok(self.next_id.fetch_add(1, Ordering::Relaxed))
        })
    }
}

/// A small county: one township, two departments, and the people around them. Each person's
/// chat id on the recorder is their person id plus 1000.
struct County {
    pool: PgPool,
    township: i64,
    department: i64,
    head: Person,
    officer: Person,
    dispatcher: Person,
    leader: Person,
    admin: Person,
    cadre: Person,
    enterprise: i64,
}

#[derive(Clone)]
struct Person {
    id: i64,
    actor: Actor,
}

impl Person {
    fn chat(&self) -> i64 {
        self.id + 1000
    }
}

/// Every person's phone in this county.
const PHONE: &str = "13800000000";

/// When the county's rows were written (the enterprises are tracked from then).
fn seeded() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
}

/// Binds the person's private chat on `transport`, as [`Person::chat`] says.
async fn bound(pool: &PgPool, id: i64, transport: &str) -> Person {
    let chat = id + 1000;
    let mut conn = pool.acquire().await.expect("conn");
    store::accounts::bind(&mut conn, id, transport, chat, chat, None, seeded())
        .await
        .expect("bind account");
    Person {
        id,
        actor: support::world::actor(pool, id).await,
    }
}

/// A person of the county (in the department with code `department` if any), reachable on
/// `transport`.
async fn add_person(
    pool: &PgPool,
    code: &str,
    name: &str,
    roles: &[Role],
    department: Option<&str>,
    transport: &str,
) -> Person {
    let ids = World::new(pool)
        .at(seeded())
        .person(code, name, roles, department)
        .phone(code, PHONE)
        .build()
        .await;
    bound(pool, ids.id(code), transport).await
}

impl County {
    async fn seed(pool: &PgPool) -> County {
        County::seed_on(pool, "console").await
    }

    async fn seed_on(pool: &PgPool, transport: &str) -> County {
        let people = ["H1", "O1", "D1", "L1", "A1", "C1"];
        let ids = people
            .iter()
            .fold(World::new(pool), |w, code| w.phone(code, PHONE))
            .at(seeded())
            .township("MZ", "马召镇")
            .department("ZRZY", "自然资源局", &[])
            .officer("H1", "王局长", "ZRZY")
            .officer("O1", "李科长", "ZRZY")
            .dispatcher("D1", "活动办")
            .leader("L1", "赵县长")
            .person("A1", "管理员", &[Role::Admin], None)
            .cadre("C1", "陈干部")
            .head("ZRZY", "H1")
            .enterprise("E1", "秦岭猕猴桃公司", "MZ", "C1")
            .build()
            .await;
        let [head, officer, dispatcher, leader, admin, cadre] =
            people.map(|code| bound(pool, ids.id(code), transport));
        County {
            pool: pool.clone(),
            township: ids.id("MZ"),
            department: ids.id("ZRZY"),
            head: head.await,
            officer: officer.await,
            dispatcher: dispatcher.await,
            leader: leader.await,
            admin: admin.await,
            cadre: cadre.await,
            enterprise: ids.id("E1"),
        }
    }

    /// Reports a case for the enterprise and dispatches it to the officer at `when`.
    async fn dispatched_case(&self, when: DateTime<Utc>, deadline: NaiveDate) -> i64 {
        self.case_for(self.enterprise, when, deadline).await
    }

    async fn case_for(&self, enterprise: i64, when: DateTime<Utc>, deadline: NaiveDate) -> i64 {
        self.case_to(enterprise, Some(self.officer.id), when, deadline)
            .await
    }

    async fn case_to(
        &self,
        enterprise: i64,
        assignee: Option<i64>,
        when: DateTime<Utc>,
        deadline: NaiveDate,
    ) -> i64 {
        let mut conn = self.pool.acquire().await.expect("conn");
        let case = store::cases::report(
            &mut conn,
            "ZZ",
            &self.dispatcher.actor,
            &NewCase {
                enterprise_id: enterprise,
                category: Category::Construction,
                difficulty: Difficulty::Moderate,
                description: "厂房用地手续办理缓慢".into(),
            },
            when,
            2026,
        )
        .await
        .expect("report");
        store::cases::act(
            &mut conn,
            case.id,
            &self.dispatcher.actor,
            &Action::Dispatch {
                department_id: self.department,
                assignee_id: assignee,
                deadline,
            },
            when,
        )
        .await
        .expect("dispatch");
        case.id
    }

    async fn act(&self, case: i64, who: &Person, action: Action, when: DateTime<Utc>) {
        let mut conn = self.pool.acquire().await.expect("conn");
        store::cases::act(&mut conn, case, &who.actor, &action, when)
            .await
            .expect("act");
    }
}

/// An enterprise in the township with code `township`, paired with the cadre with code `cadre`.
async fn add_enterprise(pool: &PgPool, code: &str, name: &str, township: &str, cadre: &str) -> i64 {
    World::new(pool)
        .at(seeded())
        .enterprise(code, name, township, cadre)
        .build()
        .await
        .id(code)
}

fn scheduler(pool: &PgPool, settings: Settings, worker: &str) -> Scheduler {
    Scheduler::new(pool.clone(), settings, calendar(), worker).expect("valid schedules")
}

/// Runs the scheduler at every 15-minute step from `from` to `to` inclusive.
async fn run_steps(s: &Scheduler, from: DateTime<Utc>, to: DateTime<Utc>) {
    let mut now = from;
    while now <= to {
        s.run_due(now).await.expect("run_due");
        now += TimeDelta::minutes(15);
    }
}

/// A queued or sent notification, as the outbox holds it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
struct Row {
    kind: String,
    recipient_id: Option<i64>,
    case_id: Option<i64>,
    due_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    not_before: DateTime<Utc>,
    status: String,
}

async fn rows(pool: &PgPool, kind: &str) -> Vec<Row> {
    sqlx::query_as(
        "select kind, recipient_id, case_id, due_at, created_at, not_before, status from outbox \
         where kind = $1 order by created_at, id",
    )
    .bind(kind)
    .fetch_all(pool)
    .await
    .expect("outbox rows")
}

/// When each row of `kind` was decided, as local times.
async fn decided(pool: &PgPool, kind: &str, case: i64) -> Vec<(String, Option<i64>)> {
    rows(pool, kind)
        .await
        .into_iter()
        .filter(|r| r.case_id == Some(case))
        .map(|r| (local(r.created_at), r.recipient_id))
        .collect()
}

#[tokio::test]
async fn sign_for_reminders_wait_one_working_day_across_a_holiday_and_a_weekend() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    // Tuesday 16:00: the next working day is Thursday (Wednesday is a holiday).
    let before_holiday = county
        .dispatched_case(at("2026-12-08 16:00"), day("2026-12-22"))
        .await;
    // Friday 11:00: the next working day is Monday.
    let before_weekend = county
        .dispatched_case(at("2026-12-11 11:00"), day("2026-12-25"))
        .await;
    let s = scheduler(&db.pool, settings(), "one");
    run_steps(&s, at("2026-12-08 16:00"), at("2026-12-15 18:00")).await;

    let (officer, head) = (Some(county.officer.id), Some(county.head.id));
    assert_eq!(
        decided(&db.pool, "sign_for_reminder", before_holiday).await,
        vec![("2026-12-10 16:00".to_string(), officer)]
    );
    assert_eq!(
        decided(&db.pool, "sign_for_escalation", before_holiday).await,
        vec![("2026-12-11 16:00".to_string(), head)]
    );
    assert_eq!(
        decided(&db.pool, "sign_for_reminder", before_weekend).await,
        vec![("2026-12-14 11:00".to_string(), officer)]
    );
    assert_eq!(
        decided(&db.pool, "sign_for_escalation", before_weekend).await,
        vec![("2026-12-15 11:00".to_string(), head)]
    );
}

/// A later scan of the day decides, without asking the outbox, only from cases unchanged since
/// the scan before; a case that changed in between is checked in full. So a case dispatched
/// between two scans with a reminder already due today (due at the day's start, before the
/// previous scan) is still reminded, once, and an unchanged case's reminder that fell due
/// between two scans is named once.
#[tokio::test]
async fn a_case_changed_between_two_scans_of_a_day_is_reminded_of_what_was_already_due_once() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    // Friday 11-27 10:07: due to be signed for by Monday 10:07.
    let waiting = county
        .dispatched_case(at("2026-11-27 10:07"), day("2026-12-11"))
        .await;
    let s = scheduler(&db.pool, settings(), "one");
    run_steps(&s, at("2026-11-27 10:15"), at("2026-11-30 10:00")).await;
    // Monday 10:05, after the 10:00 scan: a case due tomorrow, so its one-day reminder fell due
    // at the start of today.
    let late = county
        .dispatched_case(at("2026-11-30 10:05"), day("2026-12-01"))
        .await;
    run_steps(&s, at("2026-11-30 10:15"), at("2026-11-30 18:00")).await;
    assert_eq!(
        decided(&db.pool, "deadline_reminder", late).await,
        vec![("2026-11-30 10:15".to_string(), Some(county.officer.id))]
    );
    assert_eq!(
        decided(&db.pool, "sign_for_reminder", waiting).await,
        vec![("2026-11-30 10:15".to_string(), Some(county.officer.id))]
    );
}

#[tokio::test]
async fn a_case_signed_for_in_time_gets_no_sign_for_reminder() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    let case = county
        .dispatched_case(at("2026-12-07 10:00"), day("2026-12-21"))
        .await;
    county
        .act(
            case,
            &county.officer,
            Action::Accept,
            at("2026-12-08 09:59"),
        )
        .await;
    let s = scheduler(&db.pool, settings(), "one");
    run_steps(&s, at("2026-12-07 10:00"), at("2026-12-10 18:00")).await;
    assert!(
        decided(&db.pool, "sign_for_reminder", case)
            .await
            .is_empty()
    );
    assert!(
        decided(&db.pool, "sign_for_escalation", case)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn deadline_reminders_come_before_on_the_day_and_every_working_day_overdue() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    // Due Monday 12-14: three working days before is Tuesday 12-08 (12-09 is a holiday, 12-12
    // and 12-13 a weekend), one before is Friday 12-11.
    let case = county
        .dispatched_case(at("2026-11-30 10:00"), day("2026-12-14"))
        .await;
    county
        .act(
            case,
            &county.officer,
            Action::Accept,
            at("2026-11-30 11:00"),
        )
        .await;
    let s = scheduler(&db.pool, settings(), "one");
    run_steps(&s, at("2026-11-30 10:00"), at("2026-12-16 18:00")).await;

    let officer = Some(county.officer.id);
    assert_eq!(
        decided(&db.pool, "deadline_reminder", case).await,
        vec![
            ("2026-12-08 08:00".to_string(), officer),
            ("2026-12-11 08:00".to_string(), officer)
        ]
    );
    assert_eq!(
        decided(&db.pool, "deadline_today", case).await,
        vec![("2026-12-14 08:00".to_string(), officer)]
    );
    assert_eq!(
        decided(&db.pool, "deadline_overdue", case).await,
        vec![
            ("2026-12-15 08:00".to_string(), officer),
            ("2026-12-16 08:00".to_string(), officer)
        ]
    );
    // The message names the case and counts working days, in the officer's language.
    let reminder = rows(&db.pool, "deadline_reminder").await;
    let body: serde_json::Value = sqlx::query_scalar(
        "select body from outbox where kind = 'deadline_reminder' order by due_at limit 1",
    )
    .fetch_one(&db.pool)
    .await
    .expect("body");
    let text = body["text"].as_str().expect("text");
    assert!(
        text.contains("ZZ-2026-0001")
            && text.contains("秦岭猕猴桃公司")
            && text.contains("自然资源局"),
        "{text}"
    );
    assert!(
        text.contains(&tr(
            "zh-CN",
            "calendar-days-left",
            Args::new().num("days", 3)
        )),
        "{text}"
    );
    assert_eq!(reminder.len(), 2);
}

#[tokio::test]
async fn overdue_cases_turn_yellow_for_the_head_then_red_for_the_leaders() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    let plain = county
        .dispatched_case(at("2026-11-30 10:00"), day("2026-12-14"))
        .await;
    let supervised = county
        .dispatched_case(at("2026-11-30 10:05"), day("2026-12-14"))
        .await;
    county
        .act(
            supervised,
            &county.leader,
            Action::Supervise {
                note: Some("尽快办理".into()),
            },
            at("2026-11-30 11:00"),
        )
        .await;
    let s = scheduler(&db.pool, settings(), "one");
    run_steps(&s, at("2026-11-30 10:00"), at("2026-12-22 18:00")).await;

    let (head, leader) = (Some(county.head.id), Some(county.leader.id));
    // Plain: yellow the first working day overdue, red after 5 working days overdue.
    assert_eq!(
        decided(&db.pool, "escalation_yellow", plain).await,
        vec![("2026-12-15 08:00".to_string(), head)]
    );
    assert_eq!(
        decided(&db.pool, "escalation_red", plain).await,
        vec![("2026-12-22 08:00".to_string(), leader)]
    );
    // Supervised: one step earlier — yellow in the blue zone, red on the first overdue day.
    assert_eq!(
        decided(&db.pool, "escalation_yellow", supervised).await,
        vec![("2026-12-08 08:00".to_string(), head)]
    );
    assert_eq!(
        decided(&db.pool, "escalation_red", supervised).await,
        vec![("2026-12-15 08:00".to_string(), leader)]
    );
    let cal = calendar();
    let limits = Settings::default().limits;
    use zhuqi::domain::CaseStatus::Accepted;
    use zhuqi::scheduler::{Colour, escalation_colour};
    assert_eq!(
        escalation_colour(
            Accepted,
            Some(day("2026-12-14")),
            false,
            day("2026-12-10"),
            &cal,
            limits.ladder()
        ),
        Some(Colour::Blue)
    );
    assert_eq!(
        Colour::Red.label("zh-CN"),
        zhuqi::i18n::t("zh-CN", "colour-red")
    );
}

#[tokio::test]
async fn roadmap_steps_confirmations_and_visits_remind_on_time() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    let case = county
        .dispatched_case(at("2026-11-30 10:00"), day("2026-12-31"))
        .await;
    county
        .act(
            case,
            &county.officer,
            Action::Accept,
            at("2026-11-30 11:00"),
        )
        .await;
    // Due Thursday 12-10: 3 working days before is Friday 12-04, 1 before is Tuesday 12-08.
    county
        .act(
            case,
            &county.officer,
            Action::AddMilestone {
                title: "完成用地预审".into(),
                due_on: day("2026-12-10"),
            },
            at("2026-11-30 12:00"),
        )
        .await;
    // A second case resolved Monday 12-14 10:00 should be confirmed by Thursday 12-17 10:00.
    let resolved = county
        .dispatched_case(at("2026-12-01 10:00"), day("2026-12-31"))
        .await;
    county
        .act(
            resolved,
            &county.officer,
            Action::Accept,
            at("2026-12-01 11:00"),
        )
        .await;
    county
        .act(
            resolved,
            &county.officer,
            Action::Resolve {
                answer: "已办结".into(),
            },
            at("2026-12-14 10:00"),
        )
        .await;
    // A second enterprise visited on 11-20: due again 30 days later, on Sunday 12-20.
    let visited = add_enterprise(&db.pool, "E2", "周至物流园", "MZ", "C1").await;
    let visit = store::visits::NewVisit {
        enterprise_id: visited,
        cadre_id: county.cadre.id,
        visited_on: day("2026-11-20"),
        note: None,
        no_problems: false,
    };
    let mut conn = db.pool.acquire().await.expect("conn");
    store::visits::record(&mut conn, &visit, at("2026-11-20 16:00"))
        .await
        .expect("visit");
    drop(conn);
    let s = scheduler(&db.pool, settings(), "one");
    run_steps(&s, at("2026-11-30 10:00"), at("2026-12-21 09:00")).await;

    let officer = Some(county.officer.id);
    let steps: Vec<_> = rows(&db.pool, "milestone_reminder")
        .await
        .into_iter()
        .map(|r| (local(r.created_at), r.recipient_id))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("2026-12-04 08:00".to_string(), officer),
            ("2026-12-08 08:00".to_string(), officer),
            ("2026-12-10 08:00".to_string(), officer),
            ("2026-12-11 08:00".to_string(), officer),
            ("2026-12-14 08:00".to_string(), officer),
            ("2026-12-15 08:00".to_string(), officer),
            ("2026-12-16 08:00".to_string(), officer),
            ("2026-12-17 08:00".to_string(), officer),
            ("2026-12-18 08:00".to_string(), officer),
            ("2026-12-21 08:00".to_string(), officer),
        ]
    );
    assert_eq!(
        decided(&db.pool, "confirm_reminder", resolved).await,
        vec![("2026-12-17 10:00".to_string(), Some(county.cadre.id))]
    );
    // The never-visited enterprise (tracked since 11-01) fell due 12-01; the visited one on
    // Sunday 12-20, nudged on Monday.
    let visits: Vec<_> = rows(&db.pool, "visit_reminder")
        .await
        .into_iter()
        .map(|r| (local(r.created_at), local(r.due_at)))
        .collect();
    assert_eq!(
        visits,
        vec![
            (
                "2026-12-01 08:00".to_string(),
                "2026-12-01 00:00".to_string()
            ),
            (
                "2026-12-21 08:00".to_string(),
                "2026-12-20 00:00".to_string()
            ),
        ]
    );
}

/// Runs both schedulers and both senders at each step, concurrently.
async fn run_pair(
    a: &Scheduler,
    b: &Scheduler,
    pool: &PgPool,
    messengers: &[Arc<dyn Messenger>],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) {
    let mut now = from;
    while now <= to {
        let (ra, rb) = tokio::join!(a.run_due(now), b.run_due(now));
        ra.expect("run_due a");
        rb.expect("run_due b");
        let (da, db) = tokio::join!(
            deliver_due(pool, messengers, now, a.worker()),
            deliver_due(pool, messengers, now, b.worker())
        );
        da.expect("deliver a");
        db.expect("deliver b");
        now += TimeDelta::minutes(15);
    }
}

async fn count_by_status(pool: &PgPool) -> BTreeMap<String, i64> {
    sqlx::query_as::<_, (String, i64)>("select status, count(*) from outbox group by status")
        .fetch_all(pool)
        .await
        .expect("status counts")
        .into_iter()
        .collect()
}

#[tokio::test]
async fn two_schedulers_on_one_database_send_every_notification_exactly_once_over_a_week() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    for (i, deadline) in ["2026-12-08", "2026-12-10", "2026-12-11", "2026-12-16"]
        .iter()
        .enumerate()
    {
        let case = county
            .dispatched_case(
                at("2026-12-01 09:00") + TimeDelta::minutes(i as i64),
                day(deadline),
            )
            .await;
        if i % 2 == 0 {
            county
                .act(
                    case,
                    &county.officer,
                    Action::Accept,
                    at("2026-12-02 09:00"),
                )
                .await;
        }
    }
    let recorder = Recorder::new();
    let messengers: Vec<Arc<dyn Messenger>> = vec![recorder.clone()];
    let a = scheduler(&db.pool, settings(), "a");
    let b = scheduler(&db.pool, settings(), "b");
    // The bot was running before the cases came (so that the week's reminders are news).
    a.run_due(at("2026-12-01 08:00")).await.expect("run_due");
    run_pair(
        &a,
        &b,
        &db.pool,
        &messengers,
        at("2026-12-06 23:00"),
        at("2026-12-13 23:00"),
    )
    .await;

    let statuses = count_by_status(&db.pool).await;
    let sent = statuses.get("sent").copied().unwrap_or(0);
    assert_eq!(
        statuses.keys().collect::<Vec<_>>(),
        vec!["sent"],
        "{statuses:?}"
    );
    // (20 now: what fell due between the Tuesday scan and Monday morning comes in one digest
    // per person, not one message per case.)
    assert!(
        sent > 15,
        "a week of a county sends many notifications: {sent}"
    );
    assert_eq!(recorder.count() as i64, sent, "each row sent exactly once");
    // Each tick ran once: one weekly summary tick, one heads' report (`/team`) tick, one scan
    // per cron instant of the week's working days (4 days of 44 instants; Wednesday is a
    // holiday but the scan still ticks), and the scan of the Tuesday before with its catch-up
    // on Sunday night (Friday's last instant).
    let ticks: Vec<(String, i64)> =
        sqlx::query_as("select job, count(*) from scheduler_ticks group by job order by job")
            .fetch_all(&db.pool)
            .await
            .expect("ticks");
    assert_eq!(
        ticks,
        vec![
            // Each working day's, and the Tuesday before's.
            ("accountability".to_string(), 5 + 1),
            ("overdue_digest".to_string(), 5),
            ("reminder_scan".to_string(), 5 * 44 + 2),
            ("team_report".to_string(), 1),
            ("weekly_summary".to_string(), 1)
        ]
    );
    let weekly = rows(&db.pool, "weekly_county").await;
    assert_eq!(weekly.len(), 1);
    assert_eq!(weekly[0].recipient_id, Some(county.leader.id));
}

#[tokio::test]
async fn a_sender_killed_between_claiming_and_sending_loses_nothing_and_counts_its_resends() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    for i in 0..4 {
        county
            .dispatched_case(
                at("2026-12-01 09:00") + TimeDelta::minutes(i),
                day("2026-12-03"),
            )
            .await;
    }
    let s = scheduler(&db.pool, settings(), "a");
    // The bot was running before (so that the overdue reminders are news, one per case).
    s.run_due(at("2026-12-01 08:00")).await.expect("run_due");
    s.run_due(at("2026-12-04 08:00")).await.expect("run_due");
    let queued = count_by_status(&db.pool)
        .await
        .get("queued")
        .copied()
        .unwrap_or(0);
    assert!(
        queued >= 4,
        "overdue and sign-for reminders were queued: {queued}"
    );

    // Worker "dead" claims all it may (each person's first row: one chat's rows go one at a
    // time), hands two rows to the messenger (accepted), and dies before recording anything.
    let recorder = Recorder::new();
    let messengers: Vec<Arc<dyn Messenger>> = vec![recorder.clone()];
    let claimed = delivery::claim(&db.pool, at("2026-12-04 08:00"), "dead", 100, &[])
        .await
        .expect("claim");
    let lanes: i64 = sqlx::query_scalar("select count(distinct lane) from outbox")
        .fetch_one(&db.pool)
        .await
        .expect("lanes");
    assert_eq!(claimed.len() as i64, lanes);
    for row in claimed.iter().take(2) {
        let chat = row.recipient_id.expect("a person") + 1000;
        recorder.send(chat, &row.body).await.expect("accepted");
    }
    drop(claimed);

    // Within the lease nobody else sends them.
    let early = deliver_due(&db.pool, &messengers, at("2026-12-04 08:04"), "b")
        .await
        .expect("deliver");
    assert_eq!((early.claimed, early.requeued_after_lease), (0, 0));
    // Past the lease they go back to the queue, counted, and are sent.
    let late = deliver_due(&db.pool, &messengers, at("2026-12-04 08:06"), "b")
        .await
        .expect("deliver");
    assert_eq!(late.requeued_after_lease as i64, lanes);
    assert_eq!(late.sent as i64, queued);
    assert_eq!(
        count_by_status(&db.pool).await.get("sent").copied(),
        Some(queued)
    );
    // Nothing lost; the only duplicates are the two the messenger accepted before the crash.
    assert_eq!(recorder.count() as i64, queued + 2);
    let resent: i64 =
        sqlx::query_scalar("select coalesce(sum(resent_after_lease), 0)::bigint from outbox")
            .fetch_one(&db.pool)
            .await
            .expect("resent");
    assert_eq!(resent, lanes);
}

#[tokio::test]
async fn after_a_25_hour_outage_reminders_catch_up_once_and_the_weekly_summary_is_sent_once() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    // Due Friday 12-11: the 3-day reminder falls on Monday 12-07 (Wednesday is a holiday), the
    // 1-day one on Thursday 12-10.
    let monday = county
        .dispatched_case(at("2026-11-30 07:00"), day("2026-12-11"))
        .await;
    let recorder = Recorder::new();
    let messengers: Vec<Arc<dyn Messenger>> = vec![recorder.clone()];
    let s = scheduler(&db.pool, settings(), "a");
    let mut now = at("2026-11-30 08:00");
    while now <= at("2026-12-07 07:00") {
        s.run_due(now).await.expect("run_due");
        deliver_due(&db.pool, &messengers, now, "a")
            .await
            .expect("deliver");
        now += TimeDelta::minutes(15);
    }
    // Down from Monday 07:00 to Tuesday 08:00.
    let back = at("2026-12-08 08:00");
    let report = s.run_due(back).await.expect("catch up");
    assert_eq!(
        report.ran,
        vec![
            (Job::ReminderScan, back),
            (Job::WeeklySummary, at("2026-12-07 09:00")),
            // Within its 12 hours: the day's accountability rules and silences.
            (Job::Accountability, back),
            (Job::TeamReport, at("2026-12-07 09:30"))
        ]
    );
    assert_eq!(
        report.stale,
        vec![(Job::OverdueDigest, at("2026-12-07 08:30"))]
    );
    let mut now = back;
    while now <= at("2026-12-11 18:00") {
        s.run_due(now).await.expect("run_due");
        deliver_due(&db.pool, &messengers, now, "a")
            .await
            .expect("deliver");
        now += TimeDelta::minutes(15);
    }
    // Monday's missed 3-day reminder came late, once, in the officer's digest of the catch-up
    // scan (what fell due in the outage is history, not news); Thursday's 1-day reminder on
    // time, on its own.
    let reminders: Vec<_> = rows(&db.pool, "deadline_reminder")
        .await
        .into_iter()
        .filter(|r| r.case_id == Some(monday))
        .map(|r| (local(r.due_at), local(r.created_at)))
        .collect();
    assert_eq!(
        reminders,
        vec![(
            "2026-12-10 00:00".to_string(),
            "2026-12-10 08:00".to_string()
        )]
    );
    assert_eq!(
        totals(
            &db.pool,
            county.officer.id,
            day("2026-12-08"),
            "deadline_reminder"
        )
        .await,
        (0, 1)
    );
    let digests: Vec<_> = rows(&db.pool, "scan_digest")
        .await
        .into_iter()
        .filter(|r| r.recipient_id == Some(county.officer.id))
        .map(|r| local(r.created_at))
        .collect();
    assert_eq!(digests, vec!["2026-12-08 08:00".to_string()]);
    // No scan ticks for Monday; one weekly summary, late, once.
    let monday_scans: i64 = sqlx::query_scalar(
        "select count(*) from scheduler_ticks where job = 'reminder_scan' and scheduled_at >= $1 and scheduled_at < $2",
    )
    .bind(at("2026-12-07 00:00"))
    .bind(at("2026-12-08 00:00"))
    .fetch_one(&db.pool)
    .await
    .expect("ticks");
    assert_eq!(monday_scans, 0);
    let weekly: Vec<_> = rows(&db.pool, "weekly_county")
        .await
        .into_iter()
        .map(|r| (local(r.due_at), local(r.created_at)))
        .collect();
    assert_eq!(
        weekly,
        vec![
            (
                "2026-11-30 09:00".to_string(),
                "2026-11-30 09:00".to_string()
            ),
            (
                "2026-12-07 09:00".to_string(),
                "2026-12-08 08:00".to_string()
            ),
        ]
    );
    assert_eq!(
        count_by_status(&db.pool).await.keys().collect::<Vec<_>>(),
        vec!["sent"]
    );
    let sent = count_by_status(&db.pool)
        .await
        .get("sent")
        .copied()
        .unwrap_or(0);
    assert_eq!(recorder.count() as i64, sent);
}

#[tokio::test]
async fn quiet_hours_hold_everything_but_red_cards_until_morning() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    // Overdue by far more than the red limit: red for the leaders, overdue for the officer.
    let case = county
        .dispatched_case(at("2026-11-02 10:00"), day("2026-11-16"))
        .await;
    let mut s = settings();
    s.schedule.reminder_scan = "0 */15 * * * *".into();
    let sched = scheduler(&db.pool, s, "a");
    let recorder = Recorder::new();
    let messengers: Vec<Arc<dyn Messenger>> = vec![recorder.clone()];
    let night = at("2026-12-01 22:00");
    sched.run_due(night).await.expect("run_due");
    // The first scan finds the case red and overdue since long ago: history, so each person's
    // share comes in their digest.
    let digests = rows(&db.pool, "scan_digest").await;
    let digest_to = |p: &Person| {
        digests
            .iter()
            .find(|r| r.recipient_id == Some(p.id))
            .expect("a digest")
            .clone()
    };
    let red = digest_to(&county.leader);
    let overdue = digest_to(&county.officer);
    let not_signed_for = digest_to(&county.head);
    assert_eq!(digests.len(), 3);
    assert_eq!(red.not_before, night);
    assert_eq!(overdue.not_before, at("2026-12-02 08:00"));
    assert_eq!(not_signed_for.not_before, at("2026-12-02 08:00"));

    let report = deliver_due(&db.pool, &messengers, night, "a")
        .await
        .expect("deliver");
    assert_eq!(report.sent, 1);
    assert_eq!(recorder.texts_to(county.leader.chat()).len(), 1);
    assert!(recorder.texts_to(county.officer.chat()).is_empty());
    let early = deliver_due(&db.pool, &messengers, at("2026-12-02 07:45"), "a")
        .await
        .expect("deliver");
    assert_eq!(early.sent, 0);
    let morning = deliver_due(&db.pool, &messengers, at("2026-12-02 08:00"), "a")
        .await
        .expect("deliver");
    assert!(
        morning.sent >= 2,
        "the officer's overdue reminder and the others are released"
    );
    assert!(!recorder.texts_to(county.officer.chat()).is_empty());
    assert_eq!(
        count_by_status(&db.pool).await.keys().collect::<Vec<_>>(),
        vec!["sent"]
    );
    let folded: i64 = sqlx::query_scalar(
        "select count(*) from notice_folded where case_id = $1 and recipient_id = $2 and kind = 'deadline_overdue'",
    )
    .bind(case)
    .bind(county.officer.id)
    .fetch_one(&db.pool)
    .await
    .expect("folded");
    assert_eq!(folded, 1);
}

#[tokio::test]
async fn a_person_with_no_account_fails_with_a_reason_and_is_not_retried() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    sqlx::query("delete from messenger_accounts where person_id = $1")
        .bind(county.officer.id)
        .execute(&db.pool)
        .await
        .expect("unbind");
    county
        .dispatched_case(at("2026-12-01 09:00"), day("2026-12-02"))
        .await;
    let s = scheduler(&db.pool, settings(), "a");
    s.run_due(at("2026-12-03 08:00")).await.expect("run_due");
    let recorder = Recorder::new();
    let messengers: Vec<Arc<dyn Messenger>> = vec![recorder.clone()];
    let report = deliver_due(&db.pool, &messengers, at("2026-12-03 08:00"), "a")
        .await
        .expect("deliver");
    assert!(report.failed >= 1);
    let reasons: Vec<String> = sqlx::query_scalar(
        "select last_error from outbox where status = 'failed' and recipient_id = $1",
    )
    .bind(county.officer.id)
    .fetch_all(&db.pool)
    .await
    .expect("reasons");
    assert!(
        !reasons.is_empty() && reasons.iter().all(|r| r.contains("no messenger account")),
        "{reasons:?}"
    );
    let again = deliver_due(&db.pool, &messengers, at("2026-12-03 12:00"), "a")
        .await
        .expect("deliver");
    assert_eq!(again.claimed, 0);
}

#[test]
fn transient_failures_back_off_exponentially_up_to_an_hour() {
    assert_eq!(sender::backoff(0), TimeDelta::seconds(30));
    assert_eq!(sender::backoff(1), TimeDelta::seconds(60));
    assert_eq!(sender::backoff(3), TimeDelta::seconds(240));
    assert_eq!(sender::backoff(20), TimeDelta::hours(1));
}

#[tokio::test]
async fn confirmed_cases_and_unrelated_statuses_stay_quiet() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    let case = county
        .dispatched_case(at("2026-12-01 09:00"), day("2026-12-04"))
        .await;
    county
        .act(
            case,
            &county.officer,
            Action::Accept,
            at("2026-12-01 10:00"),
        )
        .await;
    county
        .act(
            case,
            &county.officer,
            Action::Resolve {
                answer: "已解决".into(),
            },
            at("2026-12-02 10:00"),
        )
        .await;
    county
        .act(
            case,
            &county.cadre,
            Action::Confirm {
                satisfaction: Satisfaction::Satisfied,
                note: None,
                deadline: None,
            },
            at("2026-12-02 15:00"),
        )
        .await;
    let s = scheduler(&db.pool, settings(), "a");
    run_steps(&s, at("2026-12-02 15:00"), at("2026-12-11 18:00")).await;
    let case_rows: i64 = sqlx::query_scalar("select count(*) from outbox where case_id = $1")
        .bind(case)
        .fetch_one(&db.pool)
        .await
        .expect("count");
    assert_eq!(case_rows, 0);
    let _ = (&county.admin, county.head.chat(), county.dispatcher.chat());
}

/// Something that happens to a case in the simulated month.
enum Step {
    Accept,
    Resolve,
    Confirm,
    Supervise,
}

#[tokio::test]
async fn a_simulated_month_of_a_county_sends_what_the_rules_say_each_once() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let county = County::seed(pool).await;
    let cal = calendar();

    // More of the county: a second department with a bound group chat and no named
    // assignees, a second leader, and eleven more cadres paired one-to-one with enterprises.
    let roads = World::new(pool)
        .at(seeded())
        .transport("console")
        .department("JT", "交通运输局", &[])
        .group("JT", -5001, "交通局工作群")
        .build()
        .await
        .id("JT");
    let roads_head = add_person(
        pool,
        "H2",
        "刘局长",
        &[Role::Officer],
        Some("JT"),
        "console",
    )
    .await;
    add_person(
        pool,
        "O2",
        "周科员",
        &[Role::Officer],
        Some("JT"),
        "console",
    )
    .await;
    World::new(pool).at(seeded()).head("JT", "H2").build().await;
    add_person(pool, "L2", "孙副县长", &[Role::Leader], None, "console").await;
    let mut enterprises = vec![county.enterprise];
    for i in 2..=12 {
        let cadre = format!("C{i}");
        add_person(
            pool,
            &cadre,
            &format!("干部{i}"),
            &[Role::Cadre],
            None,
            "console",
        )
        .await;
        let enterprise = format!("E{i}");
        enterprises
            .push(add_enterprise(pool, &enterprise, &format!("企业{i}"), "MZ", &cadre).await);
    }

    // Thirty cases over the first three weeks of December, each with its own fate.
    let working: Vec<NaiveDate> = day("2026-12-01")
        .iter_days()
        .take_while(|d| *d <= day("2026-12-18"))
        .filter(|d| cal.is_working_day(*d))
        .collect();
    let mut plan: Vec<(DateTime<Utc>, usize, Step)> = Vec::new();
    let mut cases = Vec::new();
    let end = day("2026-12-31");
    let mut expected_overdue = 0i64;
    let mut expected_sign_for = 0usize;
    for i in 0..30usize {
        let reported = working[i % working.len()];
        let dispatched_at = at(&format!("{reported} 10:00")) + TimeDelta::minutes(i as i64);
        let deadline = cal.add_working_days(reported, if i % 2 == 0 { 5 } else { 10 });
        let enterprise = enterprises[i % enterprises.len()];
        let mut conn = pool.acquire().await.expect("conn");
        let case = store::cases::report(
            &mut conn,
            "ZZ",
            &county.dispatcher.actor,
            &NewCase {
                enterprise_id: enterprise,
                category: [Category::Industry, Category::Finance, Category::Transport][i % 3],
                difficulty: Difficulty::Simple,
                description: format!("问题{i}"),
            },
            dispatched_at,
            2026,
        )
        .await
        .expect("report");
        let (department, assignee) = if i % 4 == 3 {
            (roads, None)
        } else {
            (county.department, Some(county.officer.id))
        };
        store::cases::act(
            &mut conn,
            case.id,
            &county.dispatcher.actor,
            &Action::Dispatch {
                department_id: department,
                assignee_id: assignee,
                deadline,
            },
            dispatched_at,
        )
        .await
        .expect("dispatch");
        cases.push((case.id, department));
        let next_day = cal.add_working_days(reported, 1);
        // Every fifth case is never signed for: one reminder, then one to the head.
        let accepted = i % 5 != 0;
        if accepted {
            plan.push((at(&format!("{next_day} 09:00")), i, Step::Accept));
        } else {
            expected_sign_for += 1;
        }
        if i % 7 == 0 {
            plan.push((at(&format!("{reported} 16:00")), i, Step::Supervise));
        }
        // Resolved on time, late, or not at all; confirmed or not.
        let resolved_on = match i % 3 {
            0 if accepted => Some(cal.add_working_days(reported, 2)),
            1 if accepted => Some(cal.add_working_days(deadline, 2)),
            _ => None,
        };
        let held_until = resolved_on.unwrap_or(end).min(end);
        if held_until > deadline {
            expected_overdue += cal.working_days_between(deadline, held_until);
        }
        if let Some(r) = resolved_on {
            plan.push((at(&format!("{r} 15:00")), i, Step::Resolve));
            if i % 2 == 0 {
                plan.push((at(&format!("{r} 17:00")), i, Step::Confirm));
            }
        }
    }
    plan.sort_by_key(|(t, i, _)| (*t, *i));

    let recorder = Recorder::new();
    let messengers: Vec<Arc<dyn Messenger>> = vec![recorder.clone()];
    let a = scheduler(pool, settings(), "a");
    let b = scheduler(pool, settings(), "b");
    let mut now = at("2026-12-01 00:00");
    let mut next = 0;
    let mut step = 0usize;
    while now <= at("2026-12-31 23:45") {
        while next < plan.len() && plan[next].0 <= now {
            let (when, i, what) = &plan[next];
            let (case, department) = cases[*i];
            let officer = if department == roads {
                &roads_head
            } else {
                &county.officer
            };
            let (who, action) = match what {
                Step::Accept => (officer, Action::Accept),
                Step::Resolve => (
                    officer,
                    Action::Resolve {
                        answer: "已办理".into(),
                    },
                ),
                Step::Confirm => {
                    let cadre: i64 = sqlx::query_scalar("select e.cadre_id from cases c join enterprises e on e.id = c.enterprise_id where c.id = $1")
                        .bind(case)
                        .fetch_one(pool)
                        .await
                        .expect("cadre");
                    let actor = Person {
                        id: cadre,
                        actor: Actor {
                            person_id: cadre,
                            roles: Roles::new([Role::Cadre]),
                            department_id: None,
                            township_id: None,
                        },
                    };
                    county
                        .act(
                            case,
                            &actor,
                            Action::Confirm {
                                satisfaction: Satisfaction::Satisfied,
                                note: None,
                                deadline: None,
                            },
                            *when,
                        )
                        .await;
                    next += 1;
                    continue;
                }
                Step::Supervise => (&county.leader, Action::Supervise { note: None }),
            };
            county.act(case, who, action, *when).await;
            next += 1;
        }
        // Two processes take turns, and now and then run at the same moment.
        let (first, second) = if step.is_multiple_of(2) {
            (&a, &b)
        } else {
            (&b, &a)
        };
        if step.is_multiple_of(7) {
            let (r1, r2) = tokio::join!(first.run_due(now), second.run_due(now));
            r1.expect("run_due");
            r2.expect("run_due");
        } else {
            first.run_due(now).await.expect("run_due");
        }
        deliver_due(pool, &messengers, now, first.worker())
            .await
            .expect("deliver");
        now += TimeDelta::minutes(15);
        step += 1;
    }

    let by_kind: BTreeMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "select kind, count(*) from outbox group by kind order by kind",
    )
    .fetch_all(pool)
    .await
    .expect("kinds")
    .into_iter()
    .collect();
    let ticks: BTreeMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "select job, count(*) from scheduler_ticks group by job",
    )
    .fetch_all(pool)
    .await
    .expect("ticks")
    .into_iter()
    .collect();
    let statuses = count_by_status(pool).await;
    println!(
        "simulated month, December 2026 (12-09 a holiday), 30 cases, 12 cadres, 2 departments"
    );
    println!("ticks by job: {ticks:?}");
    println!("notifications by kind: {by_kind:#?}");
    println!(
        "outbox by status: {statuses:?}; messages the messenger received: {}",
        recorder.count()
    );

    let last_summary: serde_json::Value = sqlx::query_scalar(
        "select body from outbox where kind = 'weekly_county' order by due_at desc, id limit 1",
    )
    .fetch_one(pool)
    .await
    .expect("summary");
    println!(
        "the leaders' last weekly summary:\n{}",
        zhuqi::i18n::html_to_text(last_summary["text"].as_str().unwrap_or_default())
    );

    // Each notification delivered once.
    assert_eq!(
        statuses.keys().collect::<Vec<_>>(),
        vec!["sent"],
        "{statuses:?}"
    );
    assert_eq!(recorder.count() as i64, statuses["sent"]);
    // Four Mondays: each cadre, each department's head and officers, each leader weekly (the
    // natural resources bureau: its head and one officer; transport: its head and one officer;
    // never a group chat, which anyone in the group reads).
    assert_eq!(ticks["weekly_summary"], 4);
    assert_eq!(by_kind["weekly_cadre"], 4 * 12);
    assert_eq!(by_kind["weekly_department"], 4 * (2 + 2));
    assert_eq!(by_kind["weekly_county"], 4 * 2);
    // 22 working days of scans (Dec has 23 weekdays, one a holiday) — the scan still ticks on
    // the holiday, deciding nothing.
    assert_eq!(ticks["reminder_scan"], 23 * 44);
    // What the rules decide reaches each person once: named on its own (an outbox row, at
    // most `named_per_day` a person a day, worst first) or folded into that scan's digest
    // (counted in `notice_totals`). The county officer holds most of the cases, so on the busy
    // days of the month's second half their lesser reminders go into digests.
    let folded = folded_by_kind(pool).await;
    let told = |kind: &str| {
        by_kind.get(kind).copied().unwrap_or(0) + folded.get(kind).copied().unwrap_or(0)
    };
    println!("folded into digests by kind: {folded:#?}");
    // Sign-for: one reminder and one escalation per case never signed for (cases with no
    // assignee reach the group chat).
    assert_eq!(told("sign_for_reminder") as usize, expected_sign_for);
    assert_eq!(told("sign_for_escalation") as usize, expected_sign_for);
    // Overdue: one reminder per working day each case is held past its deadline.
    assert_eq!(told("deadline_overdue"), expected_overdue);
    // Nobody was named more than the cap on any day, and every digest was a scan's.
    let most: i64 = sqlx::query_scalar(
        "select coalesce(max(n), 0) from (select sum(named)::bigint as n from notice_totals \
         group by recipient_id, group_chat_id, day) t",
    )
    .fetch_one(pool)
    .await
    .expect("named per day");
    assert!(most <= i64::from(Settings::default().limits.named_per_day));
}

/// What the scans folded into digests, by kind.
async fn folded_by_kind(pool: &PgPool) -> BTreeMap<String, i64> {
    sqlx::query_as::<_, (String, i64)>(
        "select kind, sum(folded)::bigint from notice_totals group by kind order by kind",
    )
    .fetch_all(pool)
    .await
    .expect("folded")
    .into_iter()
    .collect()
}

/// The real Telegram messenger, pointed at a fake Bot API on 127.0.0.1.
fn telegram(api: &support::fake_bot_api::FakeBotApi) -> Arc<dyn Messenger> {
    let bot = zhuqi::telegram::bot(&support::settings_for(api)).expect("a bot for the fake server");
    Arc::new(zhuqi::telegram::TelegramMessenger::new(
        bot,
        zhuqi::telegram::Limiter::new(zhuqi::telegram::limiter::Limits::default()),
    ))
}

async fn sends_to(
    api: &support::fake_bot_api::FakeBotApi,
    chat: i64,
) -> Vec<support::fake_bot_api::Call> {
    api.calls_of("sendmessage")
        .into_iter()
        .filter(|c| c.chat_id == Some(chat))
        .collect()
}

#[tokio::test]
async fn telegram_429_holds_the_message_until_retry_after_has_passed() {
    use support::fake_bot_api::{Failure, FakeBotApi};
    let db = TestDb::new().await;
    let county = County::seed_on(&db.pool, "telegram").await;
    county
        .dispatched_case(at("2026-12-01 09:00"), day("2026-12-10"))
        .await;
    let s = scheduler(&db.pool, settings(), "a");
    let t = at("2026-12-02 09:00");
    s.run_due(t).await.expect("run_due");
    let api = FakeBotApi::start().await;
    let messengers = vec![telegram(&api)];
    api.fail_next(county.officer.chat(), 1, Failure::RetryAfter(2));

    // The officer's sign-for reminder meets the 429; the cadre's visit reminder goes through.
    let first = deliver_due(&db.pool, &messengers, t, "a")
        .await
        .expect("deliver");
    assert_eq!((first.sent, first.retried), (1, 1));
    let not_before: DateTime<Utc> =
        sqlx::query_scalar("select not_before from outbox where recipient_id = $1")
            .bind(county.officer.id)
            .fetch_one(&db.pool)
            .await
            .expect("row");
    assert_eq!(not_before, t + TimeDelta::seconds(2));
    // A second later nothing is tried.
    let early = deliver_due(&db.pool, &messengers, t + TimeDelta::seconds(1), "a")
        .await
        .expect("deliver");
    assert_eq!(early.claimed, 0);
    assert_eq!(sends_to(&api, county.officer.chat()).await.len(), 1);
    // Once the wait is over it is sent, and no call reached Telegram before then.
    let later = deliver_due(&db.pool, &messengers, t + TimeDelta::seconds(2), "a")
        .await
        .expect("deliver");
    assert_eq!(later.sent, 1);
    let calls = sends_to(&api, county.officer.chat()).await;
    assert_eq!(
        calls.iter().map(|c| c.status).collect::<Vec<_>>(),
        vec![429, 200]
    );
    assert!(calls[1].at.duration_since(calls[0].at) >= std::time::Duration::from_secs(2));
    let status: String = sqlx::query_scalar("select status from outbox where recipient_id = $1")
        .bind(county.officer.id)
        .fetch_one(&db.pool)
        .await
        .expect("row");
    assert_eq!(status, "sent");
}

#[tokio::test]
async fn telegram_403_marks_the_person_unreachable_and_tells_the_admin_once() {
    use support::fake_bot_api::{Failure, FakeBotApi};
    let db = TestDb::new().await;
    let county = County::seed_on(&db.pool, "telegram").await;
    let s = scheduler(&db.pool, settings(), "a");
    // The enterprise, tracked since 11-01 and never visited, is due a visit on 12-01.
    let t = at("2026-12-01 08:00");
    s.run_due(t).await.expect("run_due");
    let api = FakeBotApi::start().await;
    let messengers = vec![telegram(&api)];
    api.fail_next(county.cadre.chat(), 2, Failure::Blocked);

    let report = deliver_due(&db.pool, &messengers, t, "a")
        .await
        .expect("deliver");
    assert_eq!(
        (report.failed, report.newly_unreachable, report.sent),
        (1, 1, 1)
    );
    let (reachable, reason): (bool, Option<String>) =
        sqlx::query_as("select reachable, unreachable_reason from people where id = $1")
            .bind(county.cadre.id)
            .fetch_one(&db.pool)
            .await
            .expect("person");
    assert!(!reachable);
    let reason = reason.expect("a reason");
    assert!(reason.contains("blocked"), "{reason}");
    // The cadre has no department, so no head: the admin is told, in their language.
    let notice = tr(
        "zh-CN",
        "sched-unreachable-person",
        Args::new()
            .str("name", "陈干部")
            .str("department", zhuqi::i18n::t("zh-CN", "sched-no-department"))
            .str("reason", &reason)
            .str("phone", "13800000000"),
    );
    assert_eq!(api.texts_to(county.admin.chat()), vec![notice]);
    // The failed row is not retried; a later message fails again without a second notice.
    let row_status: Vec<(String, Option<String>)> =
        sqlx::query_as("select status, last_error from outbox where recipient_id = $1")
            .bind(county.cadre.id)
            .fetch_all(&db.pool)
            .await
            .expect("rows");
    assert_eq!(
        row_status,
        vec![("failed".to_string(), Some(reason.clone()))]
    );
    let again = deliver_due(&db.pool, &messengers, t + TimeDelta::hours(1), "a")
        .await
        .expect("deliver");
    assert_eq!(again.claimed, 0);
    s.run_due(at("2026-12-31 08:00")).await.expect("run_due");
    let next = deliver_due(&db.pool, &messengers, at("2026-12-31 08:00"), "a")
        .await
        .expect("deliver");
    assert_eq!((next.failed, next.newly_unreachable), (1, 0));
    assert_eq!(api.texts_to(county.admin.chat()).len(), 1);
}

#[tokio::test]
async fn a_blocked_officer_is_reported_to_their_department_head() {
    use support::fake_bot_api::{Failure, FakeBotApi};
    let db = TestDb::new().await;
    let county = County::seed_on(&db.pool, "telegram").await;
    county
        .dispatched_case(at("2026-12-01 09:00"), day("2026-12-10"))
        .await;
    let s = scheduler(&db.pool, settings(), "a");
    let t = at("2026-12-02 09:00");
    s.run_due(t).await.expect("run_due");
    let api = FakeBotApi::start().await;
    api.fail_next(county.officer.chat(), 1, Failure::Deactivated);
    let report = deliver_due(&db.pool, &[telegram(&api)], t, "a")
        .await
        .expect("deliver");
    assert_eq!(report.newly_unreachable, 1);
    let notices = rows(&db.pool, "recipient_unreachable").await;
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].recipient_id, Some(county.head.id));
    assert_eq!(notices[0].status, "sent");
    assert!(api.texts_to(county.admin.chat()).is_empty());
}

#[tokio::test]
async fn a_group_upgraded_to_a_supergroup_gets_its_new_chat_id_and_the_message() {
    use support::fake_bot_api::{Failure, FakeBotApi};
    let db = TestDb::new().await;
    let county = County::seed_on(&db.pool, "telegram").await;
    World::new(&db.pool)
        .group("ZRZY", -5001, "自然资源局工作群")
        .build()
        .await;
    // No assignee: the department's group chat is reminded to sign for the case.
    county
        .case_to(
            county.enterprise,
            None,
            at("2026-12-01 09:00"),
            day("2026-12-10"),
        )
        .await;
    let s = scheduler(&db.pool, settings(), "a");
    let t = at("2026-12-02 09:00");
    s.run_due(t).await.expect("run_due");
    let api = FakeBotApi::start().await;
    api.fail_next(-5001, 1, Failure::MigrateTo(-1_005_001));
    let report = deliver_due(&db.pool, &[telegram(&api)], t, "a")
        .await
        .expect("deliver");
    assert_eq!(report.failed, 0);
    let chat: i64 = sqlx::query_scalar("select chat_id from group_chats where department_id = $1")
        .bind(county.department)
        .fetch_one(&db.pool)
        .await
        .expect("group");
    assert_eq!(chat, -1_005_001);
    assert_eq!(api.texts_to(-1_005_001).len(), 1);
    assert!(api.texts_to(-5001).is_empty());
    // Anyone in a group reads it: the enterprise is named in private only.
    let text = &api.texts_to(-1_005_001)[0];
    assert!(!text.contains("秦岭猕猴桃公司"), "{text}");
    assert!(
        text.contains(&zhuqi::i18n::t("zh-CN", "sched-group-enterprise")),
        "{text}"
    );
}

#[tokio::test]
async fn telegram_server_errors_back_off_and_retry() {
    use support::fake_bot_api::{Failure, FakeBotApi};
    let db = TestDb::new().await;
    let county = County::seed_on(&db.pool, "telegram").await;
    county
        .dispatched_case(at("2026-12-01 09:00"), day("2026-12-10"))
        .await;
    let s = scheduler(&db.pool, settings(), "a");
    let t = at("2026-12-02 09:00");
    s.run_due(t).await.expect("run_due");
    let api = FakeBotApi::start().await;
    let messengers = vec![telegram(&api)];
    api.fail_next(county.officer.chat(), 2, Failure::ServerError);
    let first = deliver_due(&db.pool, &messengers, t, "a")
        .await
        .expect("deliver");
    assert_eq!(first.retried, 1);
    let second = deliver_due(&db.pool, &messengers, t + sender::backoff(0), "a")
        .await
        .expect("deliver");
    assert_eq!(second.retried, 1);
    let (attempts, not_before): (i32, DateTime<Utc>) =
        sqlx::query_as("select attempts, not_before from outbox where recipient_id = $1")
            .bind(county.officer.id)
            .fetch_one(&db.pool)
            .await
            .expect("row");
    assert_eq!(attempts, 2);
    assert_eq!(not_before, t + sender::backoff(0) + sender::backoff(1));
    let third = deliver_due(&db.pool, &messengers, not_before, "a")
        .await
        .expect("deliver");
    assert_eq!(third.sent, 1);
}

/// The text of the one notification of `kind` to `person`, and the language it was written in.
async fn body_to(pool: &PgPool, kind: &str, person: i64) -> (String, String) {
    sqlx::query_as(
        "select o.body->>'text', p.locale from outbox o join people p on p.id = o.recipient_id \
         where o.kind = $1 and o.recipient_id = $2",
    )
    .bind(kind)
    .bind(person)
    .fetch_one(pool)
    .await
    .expect("one weekly summary")
}

/// The figures line a weekly summary must state: built here from the reports summary through
/// the same locale lookup.
fn figures_line(locale: &str, s: &reports::Summary) -> String {
    let f = &s.totals;
    tr(
        locale,
        "sched-weekly-figures",
        Args::new()
            .num("new", f.new as f64)
            .num("resolved", f.flow.resolved as f64)
            .num("closed", f.flow.closed as f64)
            .str("on_time", percent(locale, f.flow.on_time_rate()))
            .str("satisfaction", percent(locale, f.flow.satisfaction_rate()))
            .str("today", s.today.format("%Y-%m-%d").to_string())
            .num("open", f.stock.open as f64)
            .num("unsigned", f.stock.awaiting_sign_for as f64)
            .num("overdue", f.stock.overdue as f64),
    )
}

/// What `reports` says about last week, for `scope`, as of `today`.
async fn weekly_report(pool: &PgPool, scope: Scope, today: NaiveDate) -> reports::Summary {
    let mut conn = pool.acquire().await.expect("conn");
    reports::summary_for(
        &mut conn,
        &Request::new(
            scope,
            PeriodSpec::LastWeek,
            today,
            &settings(),
            &settings().calendar().unwrap(),
        ),
        Filter::default(),
    )
    .await
    .expect("summary")
}

#[tokio::test]
async fn weekly_summaries_state_exactly_the_figures_of_the_reports_summary() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let county = County::seed(pool).await;
    sqlx::query("update people set locale = 'en' where id = $1")
        .bind(county.leader.id)
        .execute(pool)
        .await
        .expect("leader reads English");

    // Before the week: one case, long overdue and never signed for.
    let old = county
        .dispatched_case(at("2026-11-20 10:00"), day("2026-11-25"))
        .await;
    // The week of 11-30: one never signed for and overdue by Monday, one resolved and closed,
    // one signed for and due in the coming week.
    let unsigned = county
        .dispatched_case(at("2026-12-01 10:00"), day("2026-12-03"))
        .await;
    let closed = county
        .dispatched_case(at("2026-12-01 11:00"), day("2026-12-08"))
        .await;
    county
        .act(
            closed,
            &county.officer,
            Action::Accept,
            at("2026-12-02 09:00"),
        )
        .await;
    county
        .act(
            closed,
            &county.officer,
            Action::Resolve {
                answer: "已办结".into(),
            },
            at("2026-12-03 15:00"),
        )
        .await;
    county
        .act(
            closed,
            &county.cadre,
            Action::Confirm {
                satisfaction: Satisfaction::Satisfied,
                note: None,
                deadline: None,
            },
            at("2026-12-04 10:00"),
        )
        .await;
    let due = county
        .dispatched_case(at("2026-12-02 10:00"), day("2026-12-10"))
        .await;
    county
        .act(due, &county.officer, Action::Accept, at("2026-12-03 09:00"))
        .await;

    let monday = at("2026-12-07 09:00");
    let report = scheduler(pool, settings(), "a")
        .run_due(monday)
        .await
        .expect("run_due");
    assert!(report.ran.contains(&(Job::WeeklySummary, monday)));

    let today = day("2026-12-07");
    let county_summary = weekly_report(pool, Scope::County, today).await;
    let department_summary = weekly_report(pool, Scope::Department(county.department), today).await;
    let cadre_summary = weekly_report(pool, Scope::Cadre(county.cadre.id), today).await;

    // The data is what the test says, so equal figures are not equal by accident.
    let t = &county_summary.totals;
    assert_eq!(
        (county_summary.period.from, county_summary.period.to),
        (day("2026-11-30"), day("2026-12-06"))
    );
    assert_eq!((t.new, t.flow.resolved, t.flow.closed), (3, 1, 1));
    assert_eq!(
        (t.stock.open, t.stock.awaiting_sign_for, t.stock.overdue),
        (3, 2, 2)
    );

    // Leaders: the county summary exactly as reports renders it.
    let (text, locale) = body_to(pool, "weekly_county", county.leader.id).await;
    assert_eq!(locale, "en");
    assert_eq!(
        text,
        tr(
            &locale,
            "sched-weekly-county",
            Args::new().html("summary", render_summary(&locale, &county_summary)),
        )
    );

    // Department (head and officer): the report figures, its overdue cases, and the extras.
    for person in [&county.head, &county.officer] {
        let (text, locale) = body_to(pool, "weekly_department", person.id).await;
        assert!(
            text.contains(&figures_line(&locale, &department_summary)),
            "{text}"
        );
        assert!(
            text.contains(&zhuqi::i18n::t(&locale, "sched-weekly-due-cases")),
            "{text}"
        );
        let number = |id: i64| async move {
            sqlx::query_scalar::<_, String>("select number from cases where id = $1")
                .bind(id)
                .fetch_one(pool)
                .await
                .expect("number")
        };
        for case in [old, unsigned, due] {
            assert!(text.contains(&number(case).await), "{text}");
        }
        assert!(!text.contains(&number(closed).await), "{text}");
    }
    assert_eq!(department_summary.totals, county_summary.totals);

    // The cadre: the report figures of their enterprises.
    let (text, locale) = body_to(pool, "weekly_cadre", county.cadre.id).await;
    assert!(
        text.contains(&figures_line(&locale, &cadre_summary)),
        "{text}"
    );
    assert_eq!(cadre_summary.totals.new, 3);
}

/// Imports `n` cases of the county's enterprise straight into the ledger, as a migration from an
/// earlier system would: accepted by the officer, dispatched at `dispatched`, due `deadline`.
async fn import_cases(
    county: &County,
    prefix: &str,
    n: i64,
    dispatched: DateTime<Utc>,
    deadline: NaiveDate,
) -> Vec<i64> {
    sqlx::query_scalar(
        "insert into cases (number, enterprise_id, township_id, category, difficulty, description, \
         status, reported_by, department_id, assignee_id, deadline, dispatched_at, accepted_at, created_at) \
         select $1 || '-' || lpad(g::text, 5, '0'), $2, $3, 'construction', 'moderate', '台账导入', \
         'accepted', $4, $5, $6, $7, $8, $8, $8 from generate_series(1, $9::bigint) g \
         returning id",
    )
    .bind(prefix)
    .bind(county.enterprise)
    .bind(county.township)
    .bind(county.dispatcher.id)
    .bind(county.department)
    .bind(county.officer.id)
    .bind(deadline)
    .bind(dispatched)
    .bind(n)
    .fetch_all(&county.pool)
    .await
    .expect("import cases")
}

/// Rows of `kind` in the outbox for `person`.
async fn rows_to(pool: &PgPool, kind: &str, person: i64) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where kind = $1 and recipient_id = $2")
        .bind(kind)
        .bind(person)
        .fetch_one(pool)
        .await
        .expect("count")
}

/// What `person` had named and folded of `kind` on `day`.
async fn totals(pool: &PgPool, person: i64, day: NaiveDate, kind: &str) -> (i32, i32) {
    sqlx::query_as(
        "select named, folded from notice_totals where recipient_id = $1 and day = $2 and kind = $3",
    )
    .bind(person)
    .bind(day)
    .bind(kind)
    .fetch_optional(pool)
    .await
    .expect("totals")
    .unwrap_or((0, 0))
}

/// The digest line counting `n` notices of `kind`, as the bot renders it for `locale`.
fn digest_count(locale: &str, kind: &str, n: i32) -> String {
    tr(
        locale,
        "sched-digest-count",
        Args::new()
            .str(
                "kind",
                zhuqi::i18n::t(locale, &format!("sched-digest-kind-{kind}")),
            )
            .num("count", f64::from(n)),
    )
}

#[tokio::test]
async fn many_red_cards_reach_each_leader_named_up_to_the_daily_cap_and_the_rest_in_one_digest() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    let mut leaders = vec![county.leader.clone()];
    for i in 2..=4 {
        let code = format!("L{i}");
        leaders.push(add_person(&db.pool, &code, "副县长", &[Role::Leader], None, "console").await);
    }
    let s = scheduler(&db.pool, settings(), "a");
    // The bot is running before the cases turn red.
    s.run_due(at("2026-11-30 10:15")).await.expect("scan");
    // Due Monday 12-07: yellow from Tuesday 12-08, red on Wednesday 12-16, all together.
    import_cases(
        &county,
        "RED",
        25,
        at("2026-11-30 10:00"),
        day("2026-12-07"),
    )
    .await;
    s.run_due(at("2026-12-16 08:00")).await.expect("scan");
    s.run_due(at("2026-12-16 08:15")).await.expect("scan again");
    let cap = Settings::default().limits.named_per_day as i32;
    assert_eq!(cap, 10);
    for leader in &leaders {
        assert_eq!(
            rows_to(&db.pool, "escalation_red", leader.id).await,
            i64::from(cap)
        );
        assert_eq!(rows_to(&db.pool, "scan_digest", leader.id).await, 1);
        assert_eq!(
            totals(&db.pool, leader.id, day("2026-12-16"), "escalation_red").await,
            (cap, 25 - cap)
        );
    }
    let (text, locale) = body_to(&db.pool, "scan_digest", county.leader.id).await;
    assert!(
        text.contains(&digest_count(&locale, "escalation_red", 25 - cap)),
        "{text}"
    );
    // Red supersedes the yellow cards nobody scanned while they were yellow.
    assert_eq!(
        rows_to(&db.pool, "escalation_yellow", county.head.id).await,
        0
    );
    assert_eq!(rows_to(&db.pool, "scan_digest", county.head.id).await, 0);
    // The officer's overdue reminders of the day: the cap, then the digest.
    assert_eq!(
        rows_to(&db.pool, "deadline_overdue", county.officer.id).await,
        i64::from(cap)
    );
    assert_eq!(
        totals(
            &db.pool,
            county.officer.id,
            day("2026-12-16"),
            "deadline_overdue"
        )
        .await,
        (cap, 25 - cap)
    );
    // The next day the red cards are old news for the leaders.
    s.run_due(at("2026-12-17 08:00")).await.expect("scan");
    for leader in &leaders {
        assert_eq!(rows_to(&db.pool, "scan_digest", leader.id).await, 1);
        assert_eq!(
            rows_to(&db.pool, "escalation_red", leader.id).await,
            i64::from(cap)
        );
    }
}

#[tokio::test]
async fn an_imported_ledger_of_old_overdue_cases_gives_each_person_one_digest_on_the_first_scan() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    import_cases(
        &county,
        "OLD",
        40,
        at("2026-10-08 10:00"),
        day("2026-10-20"),
    )
    .await;
    let s = scheduler(&db.pool, settings(), "a");
    s.run_due(at("2026-12-01 08:00")).await.expect("first scan");
    s.run_due(at("2026-12-01 08:15"))
        .await
        .expect("second scan");
    let first_day = day("2026-12-01");
    for (person, kind) in [
        (&county.leader, "escalation_red"),
        (&county.officer, "deadline_overdue"),
    ] {
        assert_eq!(rows_to(&db.pool, kind, person.id).await, 0, "{kind}");
        assert_eq!(rows_to(&db.pool, "scan_digest", person.id).await, 1);
        assert_eq!(totals(&db.pool, person.id, first_day, kind).await, (0, 40));
    }
    let (text, locale) = body_to(&db.pool, "scan_digest", county.leader.id).await;
    assert!(text.contains(&digest_count(&locale, "escalation_red", 40)));
    // The next morning: nothing new for the leaders; the officer's daily reminders resume,
    // named up to the cap.
    s.run_due(at("2026-12-02 08:00")).await.expect("next day");
    assert_eq!(rows_to(&db.pool, "scan_digest", county.leader.id).await, 1);
    assert_eq!(
        rows_to(&db.pool, "deadline_overdue", county.officer.id).await,
        10
    );
    assert_eq!(rows_to(&db.pool, "scan_digest", county.officer.id).await, 2);
}

#[tokio::test]
async fn the_scheduler_loop_stops_on_shutdown_during_a_long_scan_and_the_next_run_does_it_once() {
    let db = TestDb::new().await;
    let county = County::seed(&db.pool).await;
    // Three pages of open cases.
    import_cases(
        &county,
        "BIG",
        250,
        at("2026-10-08 10:00"),
        day("2026-10-20"),
    )
    .await;
    let mut every_quarter = settings();
    every_quarter.schedule.reminder_scan = "0 */15 * * * *".into();
    every_quarter.schedule.scan_page = 100;
    // Hold the table the scan writes last, so that the scan is stuck in its final statement
    // when the shutdown comes.
    let mut blocker = db.pool.begin().await.expect("begin");
    sqlx::query("lock table notice_totals in exclusive mode")
        .execute(&mut *blocker)
        .await
        .expect("lock");
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let now = at("2026-12-01 08:00");
    let looping = tokio::spawn(zhuqi::scheduler::run_loop(
        scheduler(&db.pool, every_quarter.clone(), "a"),
        stopped,
        zhuqi::clock::Clock::manual(now),
    ));
    tokio::time::timeout(std::time::Duration::from_secs(120), async {
        loop {
            let waiting: i64 = sqlx::query_scalar(
                "select count(*) from pg_locks where not granted and relation = 'notice_totals'::regclass",
            )
            .fetch_one(&db.pool)
            .await
            .expect("locks");
            if waiting > 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the scan reaches its last statement");
    stop.send(true).expect("shutdown");
    tokio::time::timeout(std::time::Duration::from_secs(60), looping)
        .await
        .expect("the loop stops")
        .expect("the loop does not panic");
    blocker.rollback().await.expect("release");
    // The abandoned tick was rolled back: it queued nothing.
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox")
        .fetch_one(&db.pool)
        .await
        .expect("outbox");
    assert_eq!(queued, 0);

    // The next process redoes the abandoned tick, once (the abandoned transaction may take a
    // moment to roll back and release the tick).
    let next = scheduler(&db.pool, every_quarter, "b");
    let ran = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        loop {
            let report = next.run_due(now).await.expect("run_due");
            if !report.ran.is_empty() {
                break report.ran;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    })
    .await
    .expect("the next run takes the tick");
    // (The day's accountability tick, due at the same instant, comes with it.)
    assert_eq!(
        ran,
        vec![(Job::ReminderScan, now), (Job::Accountability, now)]
    );
    assert!(next.run_due(now).await.expect("again").ran.is_empty());
    let ticks: i64 =
        sqlx::query_scalar("select count(*) from scheduler_ticks where job = 'reminder_scan'")
            .fetch_one(&db.pool)
            .await
            .expect("ticks");
    assert_eq!(ticks, 1);
    assert_eq!(rows_to(&db.pool, "scan_digest", county.leader.id).await, 1);
    assert_eq!(
        totals(
            &db.pool,
            county.leader.id,
            day("2026-12-01"),
            "escalation_red"
        )
        .await,
        (0, 250)
    );
}
