//! The conversation engine on a real database: a case's whole life across cadre, dispatcher,
//! department officer and leader, and every flow's refusals, through `Engine::handle`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::PgPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use zhuqi::config::Settings;
use zhuqi::conversation::{ChatKind, Engine, Input, InputKind, Outcome, Reply, Transport};
use zhuqi::domain::WorkCalendar;
use zhuqi::i18n::{Args, t, tr};
use zhuqi::store::invites::{self, InviteTarget};
use zhuqi::testkit::TestDb;

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

async fn insert_person(
    pool: &PgPool,
    code: &str,
    name: &str,
    roles: &[&str],
    department: Option<i64>,
) -> i64 {
    sqlx::query_scalar(
        "insert into people (code, name, roles, department_id) values ($1, $2, $3, $4) returning id",
    )
    .bind(code)
    .bind(name)
    .bind(roles.iter().map(|r| r.to_string()).collect::<Vec<_>>())
    .bind(department)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn bind_account(pool: &PgPool, person: i64, user: i64) -> Who {
    sqlx::query(
        "insert into messenger_accounts (person_id, transport, user_id, chat_id) values ($1, 'telegram', $2, $2)",
    )
    .bind(person)
    .bind(user)
    .execute(pool)
    .await
    .unwrap();
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
        let township: i64 = sqlx::query_scalar(
            "insert into townships (code, name) values ('T1', '马召镇') returning id",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let dept = |code: &'static str, name: &'static str| async move {
            sqlx::query_scalar::<_, i64>(
                "insert into departments (code, name) values ($1, $2) returning id",
            )
            .bind(code)
            .bind(name)
            .fetch_one(pool)
            .await
            .unwrap()
        };
        let transport_dept = dept("D1", "县交通运输局").await;
        let finance_dept = dept("D2", "县金融办").await;
        let cadre = insert_person(pool, "C1", "王建国", &["cadre"], None).await;
        let cadre2 = insert_person(pool, "C2", "陈明", &["cadre"], None).await;
        let dispatcher = insert_person(pool, "S1", "赵主任", &["dispatcher"], None).await;
        let officer = insert_person(pool, "O1", "李科长", &["officer"], Some(transport_dept)).await;
        let head = insert_person(pool, "O2", "张局长", &["officer"], Some(transport_dept)).await;
        insert_person(pool, "O3", "孙科长", &["officer"], Some(finance_dept)).await;
        let leader = insert_person(pool, "L1", "刘县长", &["leader"], None).await;
        sqlx::query("update departments set head_id = $2, default_assignee_id = $3 where id = $1")
            .bind(transport_dept)
            .bind(head)
            .bind(officer)
            .execute(pool)
            .await
            .unwrap();
        sqlx::query(
            "insert into category_routes (category, department_id) values ('transport', $1), ('finance', $2)",
        )
        .bind(transport_dept)
        .bind(finance_dept)
        .execute(pool)
        .await
        .unwrap();
        let enterprise = |code: &'static str, name: &'static str, cadre: i64| async move {
            sqlx::query_scalar::<_, i64>(
                "insert into enterprises (code, name, township_id, cadre_id) values ($1, $2, $3, $4) returning id",
            )
            .bind(code)
            .bind(name)
            .bind(township)
            .bind(cadre)
            .fetch_one(pool)
            .await
            .unwrap()
        };
        let e1 = enterprise("E1", "秦岭猕猴桃合作社", cadre).await;
        enterprise("E2", "周至县宏达机械厂", cadre).await;
        enterprise("E3", "楼观茶厂", cadre2).await;
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

    fn pool(&self) -> &PgPool {
        &self.db.pool
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
    async fn report(&self, description: &str, difficulty: &str) -> String {
        let out = self.cmd(self.cadre, "report", "").await;
        self.press(self.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
            .await;
        let out = self.text(self.cadre, description).await;
        let category = out
            .replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten())
            .next()
            .unwrap()
            .data
            .clone();
        let out = self.press(self.cadre, &category).await;
        let out = self
            .press(
                self.cadre,
                &button(&out.replies, &difficulty_label(difficulty)),
            )
            .await;
        let out = self
            .press(
                self.cadre,
                &button(&out.replies, &t(ZH, "bot-report-submit")),
            )
            .await;
        let text = joined(&out);
        let start = text.find("ZZ-").expect("a case number");
        text[start..start + 12].to_string()
    }
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

fn joined(out: &Outcome) -> String {
    out.replies
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The token of the button labelled `label` among the replies.
fn button(replies: &[Reply], label: &str) -> String {
    let all: Vec<&zhuqi::conversation::Button> = replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .collect();
    all.iter()
        .find(|b| b.label == label)
        .map(|b| b.data.clone())
        .unwrap_or_else(|| {
            panic!(
                "no button {label:?}; there are {:?}",
                all.iter().map(|b| &b.label).collect::<Vec<_>>()
            )
        })
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

#[tokio::test]
async fn a_case_goes_from_report_to_closure_across_every_role() {
    let mut w = World::new().await;
    let number = "ZZ-2026-0001";

    // The cadre reports, with a photo, for one of their two enterprises.
    let out = w.cmd(w.cadre, "report", "").await;
    has(&out, &t(ZH, "bot-report-pick-enterprise"));
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-report-describe",
            Args::new()
                .str("enterprise", "秦岭猕猴桃合作社")
                .num("limit", 2000),
        ),
    );
    let out = w.text(w.cadre, "厂区门前道路破损，货车进出困难").await;
    let transport = t(ZH, "category-transport");
    has(
        &out,
        &tr(
            ZH,
            "bot-report-category-proposed",
            Args::new().str("category", &transport),
        ),
    );
    let accept_category = button(
        &out.replies,
        &tr(
            ZH,
            "bot-report-category-accept",
            Args::new().str("category", &transport),
        ),
    );
    let out = w.send(w.cadre, photo("photo-1")).await;
    has(
        &out,
        &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
    );

    // A restart between two messages: a new engine continues from the stored state.
    w.engine = engine();
    let out = w.press(w.cadre, &accept_category).await;
    has(&out, &t(ZH, "bot-report-difficulty"));
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &difficulty_label("moderate")),
        )
        .await;
    has(&out, "厂区门前道路破损");
    let out = w
        .press(w.cadre, &button(&out.replies, &t(ZH, "bot-report-submit")))
        .await;
    has(
        &out,
        &tr(ZH, "bot-report-done", Args::new().str("number", number)),
    );
    let (case_id, status) = w.case(number).await;
    assert_eq!(status, "reported");
    let (kind, file_id): (String, String) =
        sqlx::query_as("select kind, file_id from attachments where case_id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!((kind.as_str(), file_id.as_str()), ("photo", "photo-1"));

    // The dispatcher gets the routing proposal, types a deadline, and confirms.
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.contains(&tr(
        ZH,
        "bot-notify-reported",
        Args::new().str("number", number).str("actor", "王建国")
    )));
    assert!(notes[0].text.contains("县交通运输局") && notes[0].text.contains("李科长"));
    let out = w
        .press(
            w.dispatcher,
            &button(&notes, &t(ZH, "bot-dispatch-change-deadline")),
        )
        .await;
    assert_eq!(out.replies[0].edit_message_id, Some(77));
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-type-deadline")),
        )
        .await;
    has(
        &out,
        &tr(ZH, "bot-ask-deadline", Args::new().str("number", number)),
    );
    let out = w.text(w.dispatcher, "12月20日").await;
    has(&out, "2026-12-20");
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-confirm")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-dispatched",
            Args::new()
                .str("number", number)
                .str("department", "县交通运输局")
                .str("person", "李科长")
                .str("deadline", "2026-12-20"),
        ),
    );
    let (department, assignee, deadline): (i64, i64, NaiveDate) =
        sqlx::query_as("select department_id, assignee_id, deadline from cases where id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!((department, assignee), (w.transport_dept, w.officer.id));
    assert_eq!(deadline, NaiveDate::from_ymd_opt(2026, 12, 20).unwrap());
    assert_eq!(w.outbox(w.cadre, "case_dispatched").await.len(), 1);

    // The officer signs for it, posts progress and resolves it.
    let notes = w.outbox(w.officer, "case_dispatched").await;
    assert!(notes[0].text.contains(&tr(
        ZH,
        "bot-notify-dispatched",
        Args::new().str("number", number)
    )));
    let out = w
        .press(w.officer, &button(&notes, &t(ZH, "bot-op-accept")))
        .await;
    assert_eq!(
        out.callback_answer,
        Some(tr(ZH, "bot-accepted", Args::new().str("number", number)))
    );
    has(&out, &t(ZH, "status-accepted"));
    let out = w
        .press(w.officer, &button(&out.replies, &t(ZH, "bot-op-progress")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-progress",
            Args::new().str("number", number).num("limit", 2000),
        ),
    );
    let out = w.text(w.officer, "已联系施工单位，下周开工").await;
    has(
        &out,
        &tr(ZH, "bot-progress-saved", Args::new().str("number", number)),
    );
    assert_eq!(w.case(number).await.1, "in_progress");
    assert!(
        w.outbox(w.cadre, "case_progress").await[0]
            .text
            .contains("已联系施工单位")
    );
    let out = w.cmd(w.officer, "case", "1").await;
    let out = w
        .press(w.officer, &button(&out.replies, &t(ZH, "bot-op-resolve")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-resolve",
            Args::new().str("number", number).num("limit", 2000),
        ),
    );
    let out = w.text(w.officer, "道路已修复一半").await;
    has(
        &out,
        &tr(ZH, "bot-resolved", Args::new().str("number", number)),
    );
    assert_eq!(w.case(number).await.1, "resolved");

    // The enterprise is unsatisfied: the case reopens and the department hears why.
    let first_resolution = w.outbox(w.cadre, "case_resolved").await;
    assert_eq!(first_resolution.len(), 1);
    let unsatisfied = button(&first_resolution, &t(ZH, "bot-op-unsatisfied"));
    let out = w.press(w.cadre, &unsatisfied).await;
    has(
        &out,
        &tr(ZH, "bot-ask-unsatisfied", Args::new().str("number", number)),
    );
    let out = w.text(w.cadre, "只修了一半，雨天仍积水").await;
    has(
        &out,
        &tr(
            ZH,
            "bot-reopened",
            Args::new()
                .str("number", number)
                .str("satisfaction", t(ZH, "satisfaction-unsatisfied")),
        ),
    );
    assert_eq!(w.case(number).await.1, "in_progress");
    for who in [w.officer, w.head] {
        let notes = w.outbox(who, "case_reopened").await;
        assert!(notes[0].text.contains("雨天仍积水"), "{}", notes[0].text);
    }

    // Resolved again, and this time the enterprise is satisfied.
    let notes = w.outbox(w.officer, "case_reopened").await;
    w.press(w.officer, &button(&notes, &t(ZH, "bot-op-resolve")))
        .await;
    w.text(w.officer, "道路已全部修复，排水已疏通").await;
    let second_resolution = w.outbox(w.cadre, "case_resolved").await;
    assert_eq!(second_resolution.len(), 2);
    let out = w
        .press(
            w.cadre,
            &button(&second_resolution[..1], &t(ZH, "bot-op-satisfied")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-closed",
            Args::new()
                .str("number", number)
                .str("satisfaction", t(ZH, "satisfaction-satisfied")),
        ),
    );
    let (status, satisfaction, reopens): (String, String, i32) =
        sqlx::query_as("select status, satisfaction, reopen_count from cases where id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), satisfaction.as_str(), reopens),
        ("closed", "satisfied", 1)
    );
    assert_eq!(w.outbox(w.officer, "case_closed").await.len(), 1);

    // The process record, in order, each with its actor.
    let events: Vec<(String, Option<i64>)> =
        sqlx::query_as("select kind, actor_id from case_events where case_id = $1 order by id")
            .bind(case_id)
            .fetch_all(w.pool())
            .await
            .unwrap();
    let kinds: Vec<&str> = events.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "reported",
            "dispatched",
            "accepted",
            "progress",
            "resolved",
            "reopened",
            "resolved",
            "closed"
        ]
    );
    assert!(events.iter().all(|(_, actor)| actor.is_some()));

    // The leader sees the whole record.
    let out = w.cmd(w.leader, "case", number).await;
    has(
        &out,
        &tr(ZH, "bot-card-events", Args::new().num("count", 8)),
    );
    for kind in ["reported", "dispatched", "reopened", "closed"] {
        has(&out, &t(ZH, &format!("event-{kind}")));
    }

    // The old "unsatisfied" button on the closed case is stale and changes nothing.
    let out = w.press(w.cadre, &unsatisfied).await;
    assert_eq!(
        out.callback_answer,
        Some(tr(
            ZH,
            "bot-button-stale",
            Args::new()
                .str("number", number)
                .str("status", t(ZH, "status-closed"))
        ))
    );
    assert!(out.replies.is_empty());
    assert_eq!(w.count("select count(*) from case_events").await, 8);
}

#[tokio::test]
async fn a_cadre_cannot_see_another_enterprises_case() {
    let w = World::new().await;
    let number = w
        .report("企业流动资金紧张，需要银行贷款支持", "simple")
        .await;
    let not_found = t(ZH, "bot-case-not-found");
    let out = w.cmd(w.cadre2, "case", &number).await;
    assert_eq!(joined(&out), not_found);
    // The same answer as for a case that does not exist: nothing leaks.
    let out = w.cmd(w.cadre2, "case", "ZZ-2026-0999").await;
    assert_eq!(joined(&out), not_found);
    let out = w.cmd(w.cadre2, "my", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-my-empty"));
    // The reporting cadre does see it.
    let out = w.cmd(w.cadre, "case", &number).await;
    has(&out, "企业流动资金紧张");
}

#[tokio::test]
async fn strangers_get_one_polite_refusal_and_nothing_is_stored() {
    let w = World::new().await;
    let stranger = 9999;
    let rows = "select (select count(*) from messenger_accounts) + (select count(*) from conversations) \
                + (select count(*) from callback_tokens) + (select count(*) from cases)";
    let before = w.count(rows).await;
    let out = w
        .send_from(
            stranger,
            stranger,
            ChatKind::Private,
            InputKind::Text {
                text: "你好".into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
    let out = w
        .send_from(
            stranger,
            stranger,
            ChatKind::Private,
            command("case", "ZZ-2026-0001"),
        )
        .await;
    // One refusal per chat per hour: the second message is not answered again.
    assert!(out.replies.is_empty());
    let out = w
        .send_from(
            stranger,
            stranger,
            ChatKind::Private,
            command("start", "NOSUCHCODE"),
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-invalid"));
    let out = w
        .send_from(stranger, stranger, ChatKind::Private, press("0123"))
        .await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-stranger-button")));
    assert_eq!(w.count(rows).await, before);
}

#[tokio::test]
async fn an_invite_binds_once_and_then_is_spent() {
    let w = World::new().await;
    let newcomer = insert_person(w.pool(), "C9", "周新", &["cadre"], None).await;
    let mut conn = w.pool().acquire().await.unwrap();
    let now = w.now();
    let code = invites::create(
        &mut conn,
        InviteTarget::Person(newcomer),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    let dept_code = invites::create(
        &mut conn,
        InviteTarget::Department(w.transport_dept),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    drop(conn);
    // A department's code does not bind a person, and stays unused for the group.
    let out = w
        .send_from(5000, 5000, ChatKind::Private, command("start", &dept_code))
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-for-group"));
    let out = w
        .send_from(
            5000,
            5000,
            ChatKind::Private,
            command("start", &code.to_lowercase()),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-welcome",
            Args::new()
                .str("name", "周新")
                .str("roles", t(ZH, "role-cadre")),
        ),
    );
    let bound: i64 = sqlx::query_scalar(
        "select person_id from messenger_accounts where transport = 'telegram' and user_id = 5000",
    )
    .fetch_one(w.pool())
    .await
    .unwrap();
    assert_eq!(bound, newcomer);
    // Someone else trying the spent code gets the same refusal as for a wrong one.
    let out = w
        .send_from(5001, 5001, ChatKind::Private, command("start", &code))
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-invalid"));
    let out = w
        .send_from(5000, 5000, ChatKind::Private, command("start", &code))
        .await;
    assert_eq!(
        joined(&out),
        tr(ZH, "bot-already-bound", Args::new().str("name", "周新"))
    );
    let group_unused: bool =
        sqlx::query_scalar("select used_at is null from invites where code = $1")
            .bind(&dept_code)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert!(group_unused);
}

#[tokio::test]
async fn forged_foreign_and_expired_buttons_are_refused() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    let confirm = button(&notes, &t(ZH, "bot-dispatch-confirm"));

    for forged in [
        "0123456789abcdef0123456789abcdef",
        "'; drop table cases; --",
        "",
        &"f".repeat(300),
    ] {
        let out = w.press(w.dispatcher, forged).await;
        assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-unknown")));
        assert!(out.replies.is_empty());
    }
    // The dispatcher's button pressed by the cadre (a forwarded message, a guessed token).
    let out = w.press(w.cadre, &confirm).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-not-yours")));
    // After the buttons' lifetime.
    let input = Input {
        transport: Transport::new("telegram"),
        chat_id: w.dispatcher.user,
        chat_kind: ChatKind::Private,
        user_id: w.dispatcher.user,
        user_name: None,
        language_code: None,
        kind: press(&confirm),
    };
    let out = w.handle(input, w.start + Duration::days(31)).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-expired")));
    assert_eq!(w.case(&number).await.1, "reported");
    // The dispatcher's own press still works, once; a second press changes nothing.
    let out = w.press(w.dispatcher, &confirm).await;
    assert!(out.callback_answer.is_some());
    assert_eq!(w.case(&number).await.1, "dispatched");
    let out = w.press(w.dispatcher, &confirm).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-used")));
    assert_eq!(
        w.count("select count(*) from case_events where kind = 'dispatched'")
            .await,
        1
    );
}

#[tokio::test]
async fn roles_are_checked_on_the_server_whatever_the_button_said() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    // The officer of another department cannot sign for it; a leader's /todo is not theirs.
    let out = w.cmd(w.cadre, "todo", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-not-for-role"));
    let out = w.cmd(w.cadre, "queue", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-not-for-role"));
    let out = w.cmd(w.officer, "overdue", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-not-for-role"));
    let out = w.cmd(w.officer, "todo", "").await;
    has(&out, &number);
    // The cadre's card has no sign-for button.
    let out = w.cmd(w.cadre, "case", &number).await;
    let labels: Vec<String> = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .map(|b| b.label.clone())
        .collect();
    assert!(!labels.contains(&t(ZH, "bot-op-accept")), "{labels:?}");
}

#[tokio::test]
async fn a_leader_supervises_a_case_and_it_shows_on_the_card() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let out = w.cmd(w.leader, "case", &number).await;
    let out = w
        .press(w.leader, &button(&out.replies, &t(ZH, "bot-op-supervise")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-supervise",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    let out = w.text(w.leader, "请本周内拿出解决方案").await;
    has(
        &out,
        &tr(ZH, "bot-supervised", Args::new().str("number", &number)),
    );
    assert_eq!(w.count("select count(*) from supervision_orders").await, 1);
    for who in [w.head, w.officer] {
        let notes = w.outbox(who, "case_supervised").await;
        assert!(notes[0].text.contains("请本周内拿出解决方案"));
    }
    let out = w.cmd(w.cadre, "case", &number).await;
    has(&out, "🔴");
    has(&out, "请本周内拿出解决方案");
    // Overdue: past the deadline the leader's list has it.
    let input = Input {
        transport: Transport::new("telegram"),
        chat_id: w.leader.user,
        chat_kind: ChatKind::Private,
        user_id: w.leader.user,
        user_name: None,
        language_code: None,
        kind: command("overdue", ""),
    };
    let out = w.handle(input, w.start + Duration::days(30)).await;
    has(
        &out,
        &tr(ZH, "bot-overdue-title", Args::new().num("count", 1)),
    );
    has(&out, &number);
    // On the day of dispatch the card shows no colour; a month later, overdue and supervised,
    // it shows the red card the scheduler escalates by.
    let out = w.cmd(w.leader, "case", &number).await;
    assert!(!joined(&out).contains(&t(ZH, "bot-card-colour-red")));
    let card = input_for(w.leader, command("case", &number));
    let out = w.handle(card, w.start + Duration::days(30)).await;
    has(&out, &t(ZH, "bot-card-colour-red"));
    let out = w.cmd(w.leader, "summary", "").await;
    has(&out, &t(ZH, "report-title"));
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

#[tokio::test]
async fn a_returned_case_goes_back_to_the_dispatcher_with_the_reason() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    let out = w
        .press(w.officer, &button(&notes, &t(ZH, "bot-op-return")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-return",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    // An empty reason is not a reason.
    let out = w.text(w.officer, " \u{200B} ").await;
    assert_eq!(joined(&out), t(ZH, "bot-text-empty"));
    let out = w.text(w.officer, "属于镇政府职责").await;
    has(
        &out,
        &tr(ZH, "bot-returned", Args::new().str("number", &number)),
    );
    assert_eq!(w.case(&number).await.1, "returned");
    let notes = w.outbox(w.dispatcher, "case_returned").await;
    assert!(notes[0].text.contains("属于镇政府职责"));
    // The dispatcher sends it elsewhere, choosing the department and the person by buttons.
    let out = w
        .press(
            w.dispatcher,
            &button(&notes, &t(ZH, "bot-dispatch-change-department")),
        )
        .await;
    let out = w
        .press(w.dispatcher, &button(&out.replies, "县金融办"))
        .await;
    has(&out, "县金融办");
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-change-person")),
        )
        .await;
    button(&out.replies, "孙科长");
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-whole-department")),
        )
        .await;
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-confirm")),
        )
        .await;
    has(&out, "县金融办");
    let assignee: Option<i64> =
        sqlx::query_scalar("select assignee_id from cases where number = $1")
            .bind(&number)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(assignee, None);
    let officers_told: i64 = w
        .count("select count(*) from outbox o join people p on p.id = o.recipient_id where o.kind = 'case_dispatched' and p.code = 'O3'")
        .await;
    assert_eq!(officers_told, 1);
}

#[tokio::test]
async fn the_dispatcher_can_ask_the_cadre_for_more_detail() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    let out = w
        .press(w.dispatcher, &button(&notes, &t(ZH, "bot-op-request-info")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-request-info",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    w.text(w.dispatcher, "请补充破损路段的长度和照片").await;
    assert_eq!(w.case(&number).await.1, "info_requested");
    let notes = w.outbox(w.cadre, "case_info_requested").await;
    let out = w
        .press(w.cadre, &button(&notes, &t(ZH, "bot-op-supply-info")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-supply-info",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    // A photo with a caption: kept with the case, the caption taken as the detail.
    let out = w
        .send(
            w.cadre,
            InputKind::Photo {
                file_id: "p2".into(),
                caption: Some("约200米".into()),
            },
        )
        .await;
    has(
        &out,
        &tr(ZH, "bot-info-supplied", Args::new().str("number", &number)),
    );
    assert_eq!(w.case(&number).await.1, "reported");
    assert_eq!(w.count("select count(*) from attachments").await, 1);
    assert_eq!(w.outbox(w.dispatcher, "case_info_supplied").await.len(), 1);
}

#[tokio::test]
async fn a_cadre_logs_visits_and_zero_reports() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "visit", "").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &t(ZH, "bot-visit-zero-report")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-visit-recorded-zero",
            Args::new().str("enterprise", "秦岭猕猴桃合作社"),
        ),
    );
    let out = w.cmd(w.cadre, "visit", "").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    w.press(
        w.cadre,
        &button(&out.replies, &t(ZH, "bot-visit-with-note")),
    )
    .await;
    w.text(w.cadre, "企业反映用工紧张，已记录").await;
    let visits: Vec<(bool, Option<String>, i64)> =
        sqlx::query_as("select no_problems, note, enterprise_id from visits order by id")
            .fetch_all(w.pool())
            .await
            .unwrap();
    assert_eq!(
        visits,
        vec![
            (true, None, w.e1),
            (false, Some("企业反映用工紧张，已记录".into()), w.e1)
        ]
    );
}

#[tokio::test]
async fn an_officer_adds_a_dated_roadmap_step() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    let out = w
        .press(w.officer, &button(&notes, &t(ZH, "bot-op-accept")))
        .await;
    w.press(w.officer, &button(&out.replies, &t(ZH, "bot-op-milestone")))
        .await;
    let out = w.text(w.officer, "完成现场勘查").await;
    assert_eq!(joined(&out), t(ZH, "bot-milestone-format"));
    let out = w.text(w.officer, "12月3日：完成现场勘查").await;
    has(
        &out,
        &tr(
            ZH,
            "bot-milestone-added",
            Args::new()
                .str("number", &number)
                .str("date", "2026-12-03")
                .str("title", "完成现场勘查"),
        ),
    );
    let out = w.cmd(w.officer, "case", &number).await;
    has(&out, "12-03 完成现场勘查");
}

#[tokio::test]
async fn language_can_be_switched_to_english_and_back() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "lang", "").await;
    let out = w.press(w.cadre, &button(&out.replies, "English")).await;
    assert_eq!(joined(&out), t("en", "bot-lang-set"));
    let locale: String = sqlx::query_scalar("select locale from people where id = $1")
        .bind(w.cadre.id)
        .fetch_one(w.pool())
        .await
        .unwrap();
    assert_eq!(locale, "en");
    let out = w.cmd(w.cadre, "help", "").await;
    has(&out, &t("en", "bot-help-everyone"));
    let out = w.cmd(w.cadre, "lang", "中文").await;
    assert_eq!(joined(&out), t(ZH, "bot-lang-set"));
}

#[tokio::test]
async fn notices_are_written_in_the_recipients_language() {
    let w = World::new().await;
    w.cmd(w.dispatcher, "lang", "en").await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    assert!(notes[0].text.contains(&tr(
        "en",
        "bot-notify-reported",
        Args::new().str("number", &number).str("actor", "王建国")
    )));
    button(&notes, &t("en", "bot-dispatch-confirm"));
}

#[tokio::test]
async fn a_department_binds_its_group_and_its_cases_are_announced_there() {
    // Commands for other bots never reach the engine: the Telegram adapter drops them
    // (`telegram::convert`, and the end-to-end test in `tests/telegram.rs`).
    let w = World::new().await;
    let mut conn = w.pool().acquire().await.unwrap();
    let now = w.now();
    let code = invites::create(
        &mut conn,
        InviteTarget::Department(w.transport_dept),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    let person_code = invites::create(
        &mut conn,
        InviteTarget::Person(w.officer.id),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    drop(conn);
    let group = -100_123;
    let in_group = |kind| w.send_from(w.officer.user, group, ChatKind::Group, kind);
    assert!(
        in_group(InputKind::Text {
            text: "大家好".into()
        })
        .await
        .replies
        .is_empty()
    );
    let out = in_group(command("bind", &person_code)).await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-for-person"));
    let out = in_group(command("bind", &code)).await;
    assert_eq!(
        joined(&out),
        tr(
            ZH,
            "bot-group-bound",
            Args::new().str("department", "县交通运输局")
        )
    );
    let out = in_group(command("todo", "")).await;
    assert_eq!(joined(&out), t(ZH, "bot-group-only-bind"));
    // Cases dispatched to the department are announced in its group.
    w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let in_group_outbox = w
        .count("select count(*) from outbox o join group_chats g on g.id = o.group_chat_id where g.chat_id = -100123 and o.kind = 'case_dispatched'")
        .await;
    assert_eq!(in_group_outbox, 1);
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer_and_leaves_no_stray_rows() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "frobnicate", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-unknown-command"));
    let out = w.text(w.cadre, "/不存在").await;
    assert_eq!(joined(&out), t(ZH, "bot-unknown-command"));
    for args in ["", "hello", "ZZ-20-1", "🙂"] {
        let out = w.cmd(w.cadre, "case", args).await;
        assert_eq!(joined(&out), t(ZH, "bot-case-usage"), "{args:?}");
    }
    let out = w
        .send(
            w.cadre,
            InputKind::Unsupported {
                what: "sticker".into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-unsupported"));
    let out = w
        .send(
            w.cadre,
            InputKind::Unsupported {
                what: zhuqi::conversation::UNSUPPORTED_EDITED.into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-edited-ignored"));
    let out = w.cmd(w.cadre, "cancel", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-cancel-nothing"));

    // A 10,000-character description is refused with the limit, and the draft waits.
    let out = w.cmd(w.cadre, "report", "").await;
    w.press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let long = "路".repeat(10_000);
    let out = w.text(w.cadre, &long).await;
    assert_eq!(
        joined(&out),
        tr(
            ZH,
            "bot-text-too-long",
            Args::new().num("limit", 2000).num("length", 10_000)
        )
    );
    // Invisible characters only: nothing to record.
    let out = w.text(w.cadre, "\u{200B}\u{200F}\u{FEFF}").await;
    assert_eq!(joined(&out), t(ZH, "bot-text-empty"));
    // Markup, right-to-left text, emoji and a NUL are kept as text, escaped on the card.
    let odd = "<b>路面</b> & \"坑\" مرحبا 👩‍👩‍👧 \u{0}end";
    let out = w.text(w.cadre, odd).await;
    assert!(!out.replies.is_empty());
    let out = w.cmd(w.cadre, "cancel", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-cancelled"));
    assert_eq!(w.count("select count(*) from cases").await, 0);
    assert_eq!(w.count("select count(*) from attachments").await, 0);

    let number = w.report(odd, "simple").await;
    let out = w.cmd(w.cadre, "case", &number).await;
    has(
        &out,
        "&lt;b&gt;路面&lt;/b&gt; &amp; &quot;坑&quot; مرحبا 👩‍👩‍👧 end",
    );
    let stored: String = sqlx::query_scalar("select description from cases")
        .fetch_one(w.pool())
        .await
        .unwrap();
    assert_eq!(stored, "<b>路面</b> & \"坑\" مرحبا 👩‍👩‍👧 end");
}

#[tokio::test]
async fn plain_text_from_an_idle_cadre_starts_a_report() {
    let w = World::new().await;
    let out = w.text(w.cadre, "企业流动资金紧张，需要银行贷款支持").await;
    has(&out, &t(ZH, "bot-report-pick-enterprise"));
    let out = w
        .press(w.cadre, &button(&out.replies, "周至县宏达机械厂"))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-report-category-proposed",
            Args::new().str("category", t(ZH, "category-finance")),
        ),
    );
    // "Another category" lists all nine.
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &t(ZH, "bot-report-category-other")),
        )
        .await;
    let count = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .count();
    assert_eq!(count, 9);
    // Plain text from someone who is not a cadre is answered with a hint.
    let out = w.text(w.leader, "请汇报一下本周情况").await;
    assert_eq!(joined(&out), t(ZH, "bot-idle-hint"));
    // The command menu is complete in both languages.
    for locale in ["zh-CN", "en"] {
        let commands = Engine::commands(locale);
        assert!(commands.iter().any(|(c, _)| c == "report"));
        assert!(
            commands
                .iter()
                .all(|(c, d)| !d.is_empty() && !d.starts_with("bot-") && c.len() <= 32)
        );
    }
}

#[tokio::test]
async fn two_updates_from_one_chat_are_handled_one_after_the_other() {
    let w = World::new().await;
    let input = |text: &str| Input {
        transport: Transport::new("telegram"),
        chat_id: w.cadre.user,
        chat_kind: ChatKind::Private,
        user_id: w.cadre.user,
        user_name: None,
        language_code: None,
        kind: InputKind::Text { text: text.into() },
    };
    let now = w.now();
    let mut first = w.pool().begin().await.unwrap();
    w.engine
        .handle(&mut first, &input("/report"), now)
        .await
        .unwrap();
    // A second process handling the same chat waits for the first transaction.
    let second = async {
        let mut tx = w.pool().begin().await.unwrap();
        let out = w
            .engine
            .handle(&mut tx, &input("/cancel"), now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        out
    };
    tokio::pin!(second);
    assert!(
        tokio::time::timeout(std::time::Duration::from_millis(300), &mut second)
            .await
            .is_err(),
        "the second update ran while the first held the chat"
    );
    first.commit().await.unwrap();
    let out = second.await;
    // It saw the first one's state: there was a report in progress to cancel.
    assert_eq!(joined(&out), t(ZH, "bot-cancelled"));
}

// ---------------------------------------------------------------------------------------------
// Reports in chat: /summary with its chart and drill-down, /assess and /export.

use zhuqi::conversation::state::Press;
use zhuqi::domain::Category;
use zhuqi::reports::{self, DrillTarget, DrillView, Filter, PeriodSpec, Scope};

/// The local date the reports world's clock stands on.
fn report_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// Reports a problem through the dialogue as `who` for `enterprise`, accepting the proposed
/// category, and has the dispatcher confirm the proposed routing; returns the case number.
async fn report_and_dispatch(w: &World, who: Who, enterprise: &str, description: &str) -> String {
    let out = w.cmd(who, "report", "").await;
    // A cadre with one enterprise is not asked which.
    let choice = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .find(|b| b.label == enterprise);
    if let Some(choice) = choice {
        w.press(who, &choice.data).await;
    }
    let out = w.text(who, description).await;
    let accept = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .next()
        .unwrap()
        .data
        .clone();
    let out = w.press(who, &accept).await;
    let out = w
        .press(who, &button(&out.replies, &difficulty_label("simple")))
        .await;
    let out = w
        .press(who, &button(&out.replies, &t(ZH, "bot-report-submit")))
        .await;
    let text = joined(&out);
    let start = text.find("ZZ-").expect("a case number");
    let number = text[start..start + 12].to_string();
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    assert_eq!(w.case(&number).await.1, "dispatched");
    number
}

/// Three dispatched cases: two transport (E1 of 王建国, E3 of 陈明), one finance (E1).
async fn reports_world() -> (World, [String; 3]) {
    let w = World::new().await;
    let a = report_and_dispatch(
        &w,
        w.cadre,
        "秦岭猕猴桃合作社",
        "厂区门前道路破损，货车进出困难",
    )
    .await;
    let b = report_and_dispatch(
        &w,
        w.cadre,
        "秦岭猕猴桃合作社",
        "流动资金贷款审批太慢，融资难",
    )
    .await;
    let c = report_and_dispatch(
        &w,
        w.cadre2,
        "楼观茶厂",
        "茶厂门口道路破损，运茶车辆难以通行",
    )
    .await;
    let categories: Vec<String> = sqlx::query_scalar("select category from cases order by id")
        .fetch_all(w.pool())
        .await
        .unwrap();
    assert_eq!(categories, ["transport", "finance", "transport"]);
    (w, [a, b, c])
}

/// The summary text the reports library renders for `scope` on the world's data.
async fn expected_summary(w: &World, scope: Scope, period: PeriodSpec, filter: Filter) -> String {
    let mut conn = w.pool().acquire().await.unwrap();
    let s = reports::summary_for(
        &mut conn,
        scope,
        period,
        filter,
        report_day(),
        &w.engine.settings,
    )
    .await
    .unwrap();
    reports::summary_view(ZH, &s).text
}

/// The reply carrying buttons (the summary, the case list, the table).
fn menu(out: &Outcome) -> &Reply {
    out.replies
        .iter()
        .find(|r| !r.buttons.is_empty())
        .unwrap_or_else(|| panic!("no reply with buttons in {out:?}"))
}

async fn pressed_target(w: &World, token: &str) -> DrillTarget {
    let action: serde_json::Value =
        sqlx::query_scalar("select action from callback_tokens where token = $1")
            .bind(token)
            .fetch_one(w.pool())
            .await
            .unwrap();
    match serde_json::from_value(action).unwrap() {
        Press::Summary { target } => target,
        other => panic!("not a summary button: {other:?}"),
    }
}

#[tokio::test]
async fn a_leaders_summary_shows_the_county_with_a_chart_and_drills_down_to_the_cases() {
    let (w, [a, b, c]) = reports_world().await;
    let out = w.cmd(w.leader, "summary", "").await;
    let photo = out
        .replies
        .iter()
        .find_map(|r| r.photo.as_ref())
        .expect("the chart");
    assert_eq!(photo.name, "summary.png");
    assert!(photo.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let county = expected_summary(&w, Scope::County, PeriodSpec::ThisWeek, Filter::default()).await;
    assert_eq!(menu(&out).text, county);
    assert!(
        county.contains(&tr(
            ZH,
            "report-flow-line",
            Args::new()
                .num("new", 3)
                .num("dispatched", 3)
                .num("signed", 0)
                .num("resolved", 0)
                .num("closed", 0)
        ))
    );

    // County → transport.
    let token = button(&out.replies, &t(ZH, "category-transport"));
    let transport = Filter {
        category: Some(Category::Transport),
        ..Filter::default()
    };
    assert_eq!(
        pressed_target(&w, &token).await,
        DrillTarget {
            period: PeriodSpec::ThisWeek,
            filter: transport,
            view: DrillView::Summary
        }
    );
    let out = w.press(w.leader, &token).await;
    let reply = menu(&out);
    assert_eq!(reply.edit_message_id, Some(77));
    assert_eq!(
        reply.text,
        expected_summary(&w, Scope::County, PeriodSpec::ThisWeek, transport).await
    );
    assert!(out.replies.iter().all(|r| r.photo.is_none()));

    // → the transport bureau.
    let out = w
        .press(w.leader, &button(&out.replies, "县交通运输局"))
        .await;
    let bureau = Filter {
        department_id: Some(w.transport_dept),
        ..transport
    };
    assert_eq!(
        menu(&out).text,
        expected_summary(&w, Scope::County, PeriodSpec::ThisWeek, bureau).await
    );

    // → its cases, each with a button to its card.
    let out = w
        .press(
            w.leader,
            &button(&out.replies, &t(ZH, "report-drill-cases")),
        )
        .await;
    let text = &menu(&out).text;
    assert!(text.contains(&a) && text.contains(&c), "{text}");
    assert!(!text.contains(&b), "{text}");
    let card = w.press(w.leader, &button(&out.replies, &a)).await;
    has(&card, &a);
    // Back up, and the chart of the view on demand.
    let out = w
        .press(w.leader, &button(&out.replies, &t(ZH, "bot-summary-back")))
        .await;
    let out = w
        .press(w.leader, &button(&out.replies, &t(ZH, "bot-summary-chart")))
        .await;
    assert!(out.replies[0].photo.is_some());

    // Another period from the buttons.
    let out = w.cmd(w.leader, "summary", "").await;
    let label = reports::render::period_name(ZH, PeriodSpec::LastMonth);
    let out = w.press(w.leader, &button(&out.replies, &label)).await;
    assert_eq!(
        menu(&out).text,
        expected_summary(&w, Scope::County, PeriodSpec::LastMonth, Filter::default()).await
    );
}

#[tokio::test]
async fn officers_and_cadres_see_only_their_department_and_their_enterprises() {
    let (w, [_, b, _]) = reports_world().await;
    let out = w.cmd(w.officer, "summary", "").await;
    let department = Scope::Department(w.transport_dept);
    assert_eq!(
        menu(&out).text,
        expected_summary(&w, department, PeriodSpec::ThisWeek, Filter::default()).await
    );
    assert!(
        menu(&out).text.contains(&tr(
            ZH,
            "report-flow-line",
            Args::new()
                .num("new", 2)
                .num("dispatched", 2)
                .num("signed", 0)
                .num("resolved", 0)
                .num("closed", 0)
        ))
    );
    let out = w.cmd(w.cadre2, "summary", "").await;
    assert_eq!(
        menu(&out).text,
        expected_summary(
            &w,
            Scope::Cadre(w.cadre2.id),
            PeriodSpec::ThisWeek,
            Filter::default()
        )
        .await
    );
    assert!(
        menu(&out).text.contains(&tr(
            ZH,
            "report-flow-line",
            Args::new()
                .num("new", 1)
                .num("dispatched", 1)
                .num("signed", 0)
                .num("resolved", 0)
                .num("closed", 0)
        ))
    );

    // A button naming another department's cases shows the officer nothing of them.
    let finance: i64 = sqlx::query_scalar("select id from departments where code = 'D2'")
        .fetch_one(w.pool())
        .await
        .unwrap();
    let target = DrillTarget {
        period: PeriodSpec::ThisWeek,
        filter: Filter {
            department_id: Some(finance),
            ..Filter::default()
        },
        view: DrillView::Cases,
    };
    let mut conn = w.pool().acquire().await.unwrap();
    let token = zhuqi::store::callbacks::create(
        &mut conn,
        w.officer.id,
        Some(w.officer.user),
        &serde_json::to_value(Press::Summary { target }).unwrap(),
        w.start,
        Duration::days(1),
    )
    .await
    .unwrap();
    drop(conn);
    let out = w.press(w.officer, &token).await;
    assert!(!joined(&out).contains(&b));
    assert_eq!(menu(&out).text, t(ZH, "report-cases-none"));

    // The leader's drill buttons are not the cadre's; made-up ones are nobody's.
    let out = w.cmd(w.leader, "summary", "").await;
    let leaders = button(&out.replies, &t(ZH, "category-finance"));
    let out = w.press(w.cadre2, &leaders).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-not-yours")));
    assert!(out.replies.is_empty());
    let out = w.press(w.cadre2, "0123456789abcdef0123456789abcdef").await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-unknown")));
    assert!(out.replies.is_empty());
}

#[tokio::test]
async fn the_assessment_and_the_ledger_go_only_to_the_roles_that_may_have_them() {
    let (w, _) = reports_world().await;
    let out = w.cmd(w.leader, "assess", "").await;
    let mut conn = w.pool().acquire().await.unwrap();
    let table = reports::assessment(
        &mut conn,
        Scope::County,
        PeriodSpec::ThisMonth,
        report_day(),
        &w.engine.settings,
    )
    .await
    .unwrap();
    drop(conn);
    assert_eq!(menu(&out).text, reports::render_assessment(ZH, &table));
    let last = reports::render::period_name(ZH, PeriodSpec::LastMonth);
    let out = w.press(w.leader, &button(&out.replies, &last)).await;
    assert_eq!(menu(&out).edit_message_id, Some(77));
    for who in [w.cadre, w.officer] {
        let out = w.cmd(who, "assess", "").await;
        assert_eq!(joined(&out), t(ZH, "bot-assess-not-for-role"));
    }

    for who in [w.leader, w.dispatcher] {
        let out = w.cmd(who, "export", "").await;
        let document = out
            .replies
            .iter()
            .find_map(|r| r.document.as_ref())
            .expect("the ledger");
        assert_eq!(
            document.name,
            tr(
                ZH,
                "bot-export-file-name",
                Args::new().str("date", "2026-11-27")
            )
        );
        assert!(document.bytes.starts_with(b"PK\x03\x04"));
    }
    for who in [w.officer, w.cadre] {
        let out = w.cmd(who, "export", "").await;
        assert_eq!(joined(&out), t(ZH, "bot-export-not-for-role"));
        assert!(out.replies.iter().all(|r| r.document.is_none()));
    }
}

#[tokio::test]
async fn a_typed_period_is_read_and_a_bad_one_gets_examples() {
    let (w, _) = reports_world().await;
    let out = w.cmd(w.leader, "summary", "2026-11-01..2026-11-15").await;
    let range = PeriodSpec::parse("2026-11-01..2026-11-15").unwrap();
    assert_eq!(
        menu(&out).text,
        expected_summary(&w, Scope::County, range, Filter::default()).await
    );
    let out = w.cmd(w.leader, "summary", "上月").await;
    assert_eq!(
        menu(&out).text,
        expected_summary(&w, Scope::County, PeriodSpec::LastMonth, Filter::default()).await
    );
    let examples = tr(
        ZH,
        "bot-period-examples",
        Args::new().str("command", "summary"),
    );
    let out = w.cmd(w.leader, "summary", "昨天").await;
    assert_eq!(
        joined(&out),
        format!(
            "{}\n{examples}",
            tr(ZH, "bot-period-unknown", Args::new().str("text", "昨天"))
        )
    );
    let out = w.cmd(w.leader, "summary", "2026-11-15..2026-11-01").await;
    assert_eq!(
        joined(&out),
        format!("{}\n{examples}", t(ZH, "bot-period-backwards"))
    );
    // A person with no role for it is told so, whatever the period says.
    let out = w.cmd(w.officer, "assess", "昨天").await;
    assert_eq!(joined(&out), t(ZH, "bot-assess-not-for-role"));
}

#[test]
fn the_command_menu_offers_the_reports_in_both_languages() {
    for locale in ["zh-CN", "en"] {
        let names: Vec<String> = Engine::commands(locale)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        for c in ["summary", "assess", "export"] {
            assert!(names.contains(&c.to_string()), "{c} in {locale}");
        }
    }
}

// Abuse, stale and repeated buttons, and returned cases.

#[tokio::test]
async fn a_stranger_is_refused_once_an_hour_not_once_per_message() {
    let w = World::new().await;
    let stranger = 9998;
    let say = |text: &str, at: DateTime<Utc>| {
        let input = Input {
            transport: Transport::new("telegram"),
            chat_id: stranger,
            chat_kind: ChatKind::Private,
            user_id: stranger,
            user_name: None,
            language_code: Some("zh-hans".into()),
            kind: InputKind::Text { text: text.into() },
        };
        w.handle(input, at)
    };
    let out = say("你好", w.start).await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
    for minutes in [1, 10, 59] {
        let out = say("在吗？", w.start + Duration::minutes(minutes)).await;
        assert!(out.replies.is_empty(), "answered again after {minutes} min");
    }
    let out = say("有人吗", w.start + Duration::minutes(61)).await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
    // Another stranger's chat has its own hour.
    let out = w
        .send_from(
            9997,
            9997,
            ChatKind::Private,
            InputKind::Text {
                text: "你好".into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
}

#[tokio::test]
async fn group_messages_not_addressed_to_the_bot_are_never_answered() {
    let w = World::new().await;
    let group = -100_777;
    let in_group = |kind| w.send_from(w.officer.user, group, ChatKind::Group, kind);
    for kind in [
        InputKind::Text {
            text: "大家好，明天开会".into(),
        },
        InputKind::Text {
            text: "/todo@other_bot".into(),
        },
        photo("group-photo"),
        InputKind::Unsupported {
            what: "sticker".into(),
        },
    ] {
        let out = in_group(kind.clone()).await;
        assert!(out.replies.is_empty(), "{kind:?} was answered");
        assert_eq!(out.callback_answer, None);
    }
    // A command to the bot is still answered (positive control).
    let out = in_group(command("help", "")).await;
    assert_eq!(joined(&out), t(ZH, "bot-group-help"));
}

#[tokio::test]
async fn a_button_that_records_a_visit_works_once() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "visit", "").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let zero = button(&out.replies, &t(ZH, "bot-visit-zero-report"));
    w.press(w.cadre, &zero).await;
    let out = w.press(w.cadre, &zero).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-used")));
    assert_eq!(w.count("select count(*) from visits").await, 1);
}

#[tokio::test]
async fn a_dispatch_card_from_before_the_case_was_returned_is_out_of_date() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let first_card = w.outbox(w.dispatcher, "case_reported").await;
    let change_department = button(&first_card, &t(ZH, "bot-dispatch-change-department"));
    w.press(
        w.dispatcher,
        &button(&first_card, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    w.press(w.officer, &button(&notes, &t(ZH, "bot-op-return")))
        .await;
    w.text(w.officer, "属于镇政府职责").await;
    assert_eq!(w.case(&number).await.1, "returned");
    let events = w.count("select count(*) from case_events").await;

    let out = w.press(w.dispatcher, &change_department).await;
    assert_eq!(
        out.callback_answer,
        Some(tr(
            ZH,
            "bot-card-outdated",
            Args::new().str("number", &number)
        ))
    );
    // The current card comes with it, showing the case as returned.
    has(&out, &t(ZH, "status-returned"));
    assert_eq!(w.count("select count(*) from case_events").await, events);
    // The card sent with the return is current and works.
    let fresh = w.outbox(w.dispatcher, "case_returned").await;
    let out = w
        .press(
            w.dispatcher,
            &button(&fresh, &t(ZH, "bot-dispatch-change-department")),
        )
        .await;
    button(&out.replies, "县金融办");
}

#[tokio::test]
async fn a_report_button_from_an_abandoned_draft_does_nothing() {
    let w = World::new().await;
    let start_draft = || async {
        let out = w.cmd(w.cadre, "report", "").await;
        w.press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
            .await;
        w.text(w.cadre, "厂区门前道路破损，货车进出困难").await
    };
    let old = start_draft().await;
    let old_category = old.replies[0].buttons[0][0].data.clone();
    w.cmd(w.cadre, "cancel", "").await;
    let new = start_draft().await;
    let out = w.press(w.cadre, &old_category).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-menu-stale")));
    assert!(out.replies.is_empty());
    // The new draft's own button still works.
    let out = w
        .press(w.cadre, &new.replies[0].buttons[0][0].data.clone())
        .await;
    has(&out, &t(ZH, "bot-report-difficulty"));
}

#[tokio::test]
async fn after_returning_a_case_the_department_cannot_open_or_act_on_it_until_it_is_sent_back() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let dispatched = w.outbox(w.officer, "case_dispatched").await;
    let accept = button(&dispatched, &t(ZH, "bot-op-accept"));
    w.press(w.officer, &button(&dispatched, &t(ZH, "bot-op-return")))
        .await;
    w.text(w.officer, "属于镇政府职责").await;

    let not_found = t(ZH, "bot-case-not-found");
    let out = w.cmd(w.officer, "case", &number).await;
    assert_eq!(joined(&out), not_found);
    let out = w.press(w.officer, &accept).await;
    assert_eq!(out.callback_answer, Some(not_found.clone()));
    assert_eq!(w.case(&number).await.1, "returned");
    let out = w.cmd(w.officer, "todo", "").await;
    assert!(!joined(&out).contains(&number));

    // Dispatched to the department again, it is theirs once more.
    let returned = w.outbox(w.dispatcher, "case_returned").await;
    w.press(
        w.dispatcher,
        &button(&returned, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    assert_eq!(w.case(&number).await.1, "dispatched");
    let out = w.cmd(w.officer, "case", &number).await;
    has(&out, &number);
}
