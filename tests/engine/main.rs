//! The conversation engine on a real database: a case's whole life across cadre, dispatcher,
//! department officer and leader, and every flow's refusals, through `Engine::handle`.

mod abuse;
mod access;
mod accountability;
mod corrections;
mod digest;
mod flows;
mod groups;
mod held;
mod inspections;
mod items;
mod lifecycle;
mod modes;
mod permissions;
mod projects;
mod said;
mod summaries;
mod townships;
/// The part of the tests' support these tests need: a fresh database and the world builder.
#[allow(dead_code)]
#[path = "../support"]
mod support {
    pub mod db;
    pub mod world;
}

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::PgPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use support::db::TestDb;
use support::world::{self, County};
use zhuqi::config::Settings;
use zhuqi::conversation::{
    ChatKind, Engine, Input, InputKind, Outcome, Reply, StoredKind, Transport,
};
use zhuqi::domain::Category;
use zhuqi::domain::WorkCalendar;
use zhuqi::i18n::{Args, t, tr};
use zhuqi::store::invites::{self, InviteTarget};

const ZH: &str = "zh-CN";

/// A person on the test roster and the messenger account they speak from.
#[derive(Debug, Clone, Copy)]
struct Who {
    id: i64,
    user: i64,
}

struct World {
    db: TestDb,
    engine: Engine,
    /// Seconds since `start`; every input moves the clock on a minute.
    clock: AtomicI64,
    start: DateTime<Utc>,
    cadre: Who,
    cadre2: Who,
    dispatcher: Who,
    officer: Who,
    head: Who,
    leader: Who,
    e1: i64,
    transport_dept: i64,
}

/// Binds the person's messenger account (user and private chat `user`).
async fn bind_account(pool: &PgPool, person: i64, user: i64) -> Who {
    world::bind_account(pool, person, user).await;
    Who { id: person, user }
}

fn engine() -> Engine {
    Engine::new(
        Arc::new(Settings::default()),
        Arc::new(WorkCalendar::weekends_only()),
    )
}

impl World {
    async fn new() -> World {
        let db = TestDb::new().await;
        let pool = &db.pool;
        let ids = County::new(pool)
            .township("T1", "马召镇")
            .department("D1", "县交通运输局", &[Category::Transport])
            .department("D2", "县金融办", &[Category::Finance])
            .cadre("C1", "王建国")
            .cadre("C2", "陈明")
            .dispatcher("S1", "赵主任")
            .officer("O1", "李科长", "D1")
            .officer("O2", "张局长", "D1")
            .officer("O3", "孙科长", "D2")
            .leader("L1", "刘县长")
            .head("D1", "O2")
            .default_assignee("D1", "O1")
            .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
            .enterprise("E2", "周至县宏达机械厂", "T1", "C1")
            .enterprise("E3", "楼观茶厂", "T1", "C2")
            .build()
            .await;
        let (cadre, cadre2, dispatcher) = (ids.id("C1"), ids.id("C2"), ids.id("S1"));
        let (officer, head, leader) = (ids.id("O1"), ids.id("O2"), ids.id("L1"));
        let (e1, transport_dept) = (ids.id("E1"), ids.id("D1"));
        World {
            cadre: bind_account(pool, cadre, 1001).await,
            cadre2: bind_account(pool, cadre2, 1002).await,
            dispatcher: bind_account(pool, dispatcher, 1003).await,
            officer: bind_account(pool, officer, 1004).await,
            head: bind_account(pool, head, 1005).await,
            leader: bind_account(pool, leader, 1006).await,
            e1,
            transport_dept,
            engine: engine(),
            clock: AtomicI64::new(0),
            // Friday 2026-11-27, 10:00 in Shanghai.
            start: "2026-11-27T02:00:00Z".parse().unwrap(),
            db,
        }
    }

    fn now(&self) -> DateTime<Utc> {
        self.start + Duration::seconds(self.clock.fetch_add(60, Ordering::SeqCst))
    }

    /// Lets `hours` go by before the next input.
    fn pass_hours(&self, hours: i64) {
        self.clock.fetch_add(hours * 3600, Ordering::SeqCst);
    }

    fn pool(&self) -> &PgPool {
        &self.db.pool
    }

    /// The scheduler on this world's ledger, with the default settings and a calendar of
    /// weekends only.
    fn scheduler(&self) -> zhuqi::scheduler::Scheduler {
        zhuqi::scheduler::Scheduler::new(
            self.pool().clone(),
            Settings::default(),
            WorkCalendar::weekends_only(),
            "test",
        )
        .unwrap()
    }

    async fn handle(&self, input: Input, now: DateTime<Utc>) -> Outcome {
        let mut tx = self.pool().begin().await.unwrap();
        let out = self.engine.handle(&mut tx, &input, now).await.unwrap();
        tx.commit().await.unwrap();
        out
    }

    async fn send_from(
        &self,
        user: i64,
        chat: i64,
        chat_kind: ChatKind,
        kind: InputKind,
    ) -> Outcome {
        let input = Input {
            transport: Transport::new("telegram"),
            chat_id: chat,
            chat_kind,
            user_id: user,
            user_name: None,
            language_code: Some("zh-hans".into()),
            kind,
        };
        let now = self.now();
        self.handle(input, now).await
    }

    async fn send(&self, who: Who, kind: InputKind) -> Outcome {
        self.send_from(who.user, who.user, ChatKind::Private, kind)
            .await
    }

    async fn text(&self, who: Who, text: &str) -> Outcome {
        self.send(who, InputKind::Text { text: text.into() }).await
    }

    async fn cmd(&self, who: Who, name: &str, args: &str) -> Outcome {
        self.send(who, command(name, args)).await
    }

    async fn press(&self, who: Who, data: &str) -> Outcome {
        self.send(who, press(data)).await
    }

    /// Notifications queued for a person, newest first.
    async fn outbox(&self, who: Who, kind: &str) -> Vec<Reply> {
        let bodies: Vec<serde_json::Value> = sqlx::query_scalar(
            "select body from outbox where recipient_id = $1 and kind = $2 order by id desc",
        )
        .bind(who.id)
        .bind(kind)
        .fetch_all(self.pool())
        .await
        .unwrap();
        bodies
            .into_iter()
            .map(|b| serde_json::from_value(b).unwrap())
            .collect()
    }

    async fn case(&self, number: &str) -> (i64, String) {
        sqlx::query_as("select id, status from cases where number = $1")
            .bind(number)
            .fetch_one(self.pool())
            .await
            .unwrap()
    }

    async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(self.pool())
            .await
            .unwrap()
    }

    /// Reports a case for enterprise E1 through the whole report dialogue; returns its number.
    /// A case the cadre reports and the campaign office dispatches as proposed; its number.
    async fn report_dispatched(&self, description: &str, difficulty: &str) -> String {
        let number = self.report(description, difficulty).await;
        let notes = self.outbox(self.dispatcher, "case_reported").await;
        self.press(
            self.dispatcher,
            &button(&notes, &t(ZH, "bot-dispatch-confirm")),
        )
        .await;
        number
    }

    /// A case dispatched to the officer, who pressed 退回 and was asked for the reason; its
    /// number.
    async fn return_asked(&self) -> String {
        let number = self
            .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
            .await;
        let notes = self.outbox(self.officer, "case_dispatched").await;
        self.press(self.officer, &button(&notes, &t(ZH, "bot-op-return")))
            .await;
        number
    }

    /// From the category question on: the proposed category, `difficulty`, submitted.
    async fn finish_report(&self, out: &Outcome, difficulty: &str) -> Outcome {
        let out = self.press(self.cadre, &first_button(out)).await;
        let out = self
            .press(
                self.cadre,
                &button(&out.replies, &difficulty_label(difficulty)),
            )
            .await;
        self.press(
            self.cadre,
            &button(&out.replies, &t(ZH, "bot-report-submit")),
        )
        .await
    }

    async fn report(&self, description: &str, difficulty: &str) -> String {
        let out = self.cmd(self.cadre, "report", "").await;
        self.press(self.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
            .await;
        let out = self.text(self.cadre, description).await;
        let out = self.finish_report(&out, difficulty).await;
        let text = joined(&out);
        let start = text.find("ZZ-").expect("a case number");
        text[start..start + 12].to_string()
    }
}

/// The report flow's question for the description of `enterprise`'s problem.
fn describe_question(enterprise: &str) -> String {
    tr(
        ZH,
        "bot-report-describe",
        Args::new().str("enterprise", enterprise).num("limit", 2000),
    )
}

fn command(name: &str, args: &str) -> InputKind {
    InputKind::Command {
        name: name.into(),
        args: args.into(),
    }
}

fn press(data: &str) -> InputKind {
    InputKind::Callback {
        data: data.into(),
        message_id: Some(77),
    }
}

fn photo(id: &str) -> InputKind {
    InputKind::Photo {
        file_id: id.into(),
        caption: None,
    }
}

/// The texts of the messages among the replies (a command menu is not a message).
fn joined(out: &Outcome) -> String {
    out.replies
        .iter()
        .filter(|r| r.commands.is_none())
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The token of the button labelled `label` among the replies.
fn button(replies: &[Reply], label: &str) -> String {
    button_where(replies, label, |l| l == label)
}

/// The token of the first button among the replies whose label passes `fits` (`what` says
/// which, when none does).
fn button_where(replies: &[Reply], what: &str, fits: impl Fn(&str) -> bool) -> String {
    let all: Vec<&zhuqi::conversation::Button> = replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .collect();
    all.iter()
        .find(|b| fits(&b.label))
        .map(|b| b.data.clone())
        .unwrap_or_else(|| {
            panic!(
                "no button {what:?}; there are {:?}",
                all.iter().map(|b| &b.label).collect::<Vec<_>>()
            )
        })
}

/// A scheduler on the test database with the default settings and weekends only as days off.
fn test_scheduler(pool: &PgPool, worker: &str) -> zhuqi::scheduler::Scheduler {
    zhuqi::scheduler::Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        worker,
    )
    .unwrap()
}

/// The token of the first button among the replies.
fn first_button(out: &Outcome) -> String {
    out.replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .next()
        .expect("a button")
        .data
        .clone()
}

/// The labels of every button among the replies.
fn labels(out: &Outcome) -> Vec<String> {
    out.replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .map(|b| b.label.clone())
        .collect()
}

fn difficulty_label(code: &str) -> String {
    let days = Settings::default()
        .limits
        .days_for(zhuqi::domain::Difficulty::parse(code).unwrap());
    tr(
        ZH,
        "bot-difficulty-choice",
        Args::new()
            .str("difficulty", t(ZH, &format!("difficulty-{code}")))
            .num("days", days as f64),
    )
}

fn has(out: &Outcome, expected: &str) {
    let text = joined(out);
    assert!(text.contains(expected), "expected {expected:?} in {text:?}");
}

fn input_for(who: Who, kind: InputKind) -> Input {
    Input {
        transport: Transport::new("telegram"),
        chat_id: who.user,
        chat_kind: ChatKind::Private,
        user_id: who.user,
        user_name: None,
        language_code: None,
        kind,
    }
}
