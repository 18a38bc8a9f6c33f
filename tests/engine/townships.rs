//! Unit heads and townships (issue 13): a department head's `/team` against figures worked
//! out by hand; a township person (乡镇) who sees their own township's cases and never
//! another's, hears when one is reported or closed, and counts their township in `/summary`.

use super::*;

use support::world::Ids;
use zhuqi::conversation::refusal;
use zhuqi::domain::commands::Command;
use zhuqi::domain::{Action, CaseStatus, Difficulty, Role, Satisfaction};
use zhuqi::reports::Request;
use zhuqi::reports::{Filter, PeriodSpec, Scope, summary_for};
use zhuqi::store::cases::{self, CaseRow, NewCase};
use zhuqi::store::visits::{self, NewVisit};

/// Friday 2026-11-27, 10:00 in Shanghai: "today" for every test here.
fn today_at() -> DateTime<Utc> {
    "2026-11-27T02:00:00Z".parse().unwrap()
}

/// 10:00 in Shanghai on a day of 2026.
fn at(month: u32, day: u32) -> DateTime<Utc> {
    format!("2026-{month:02}-{day:02}T02:00:00Z")
        .parse()
        .unwrap()
}

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).unwrap()
}

/// Two townships and two departments. 张局长 heads the transport bureau, to which the cadres
/// 王建国 and 陈明 belong; 周亮 belongs to the finance office. 马镇长 follows 马召镇 (王建国's and
/// 陈明's enterprises), 青镇长 follows 青岚镇 (周亮's).
struct Towns {
    db: TestDb,
    engine: Engine,
    ids: Ids,
}

const HEAD: i64 = 2001;
const MA: i64 = 2002;
const QING: i64 = 2003;
const CADRE: i64 = 2004;

impl Towns {
    async fn new() -> Towns {
        let db = TestDb::new().await;
        let ids = County::new(&db.pool)
            .at(at(9, 1))
            .township("T1", "马召镇")
            .township("T2", "青岚镇")
            .department("D1", "县交通运输局", &[Category::Transport])
            .department("D2", "县金融办", &[Category::Finance])
            .person("C1", "王建国", &[Role::Cadre], Some("D1"))
            .person("C2", "陈明", &[Role::Cadre], Some("D1"))
            .person("C3", "周亮", &[Role::Cadre], Some("D2"))
            .person("H1", "张局长", &[Role::Officer], Some("D1"))
            .officer("O1", "李科长", "D1")
            .officer("O2", "孙科长", "D2")
            .dispatcher("S1", "赵主任")
            .head("D1", "H1")
            .default_assignee("D1", "O1")
            .township_person("TP1", "马镇长", "T1")
            .township_person("TP2", "青镇长", "T2")
            .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
            .enterprise("E2", "周至县宏达机械厂", "T1", "C2")
            .enterprise("E3", "青岚茶厂", "T2", "C3")
            .account("H1", HEAD)
            .account("TP1", MA)
            .account("TP2", QING)
            .account("C1", CADRE)
            .build()
            .await;
        Towns {
            db,
            engine: engine(),
            ids,
        }
    }

    fn pool(&self) -> &PgPool {
        &self.db.pool
    }

    async fn send(&self, user: i64, kind: InputKind) -> Outcome {
        let who = Who { id: 0, user };
        let mut tx = self.pool().begin().await.unwrap();
        let out = self
            .engine
            .handle(&mut tx, &input_for(who, kind), today_at())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        out
    }

    async fn cmd(&self, user: i64, name: &str, args: &str) -> Outcome {
        self.send(user, command(name, args)).await
    }

    async fn text(&self, user: i64, text: &str) -> Outcome {
        let text = text.into();
        self.send(user, InputKind::Text { text }).await
    }

    /// A case reported by the enterprise's cadre at `when`, then moved by `steps` the same day.
    async fn case(&self, enterprise: &str, when: DateTime<Utc>, steps: &[Step]) -> CaseRow {
        let ids = &self.ids;
        let (e, d) = if enterprise == "E3" {
            (ids.id("E3"), ids.id("D2"))
        } else {
            (ids.id(enterprise), ids.id("D1"))
        };
        let cadre = match enterprise {
            "E1" => "C1",
            "E2" => "C2",
            _ => "C3",
        };
        let officer = if enterprise == "E3" { "O2" } else { "O1" };
        let mut tx = self.pool().begin().await.unwrap();
        let new = NewCase {
            enterprise_id: e,
            category: Category::Transport,
            difficulty: Difficulty::Simple,
            description: format!("{enterprise} 的问题"),
        };
        let reporter = world::actor(self.pool(), ids.id(cadre)).await;
        let mut row = cases::report(&mut tx, "ZZ", &reporter, &new, when, 2026)
            .await
            .unwrap();
        for (i, step) in steps.iter().enumerate() {
            let (who, action) = match step {
                Step::Dispatch => (
                    "S1",
                    Action::Dispatch {
                        department_id: d,
                        assignee_id: Some(ids.id(officer)),
                        deadline: day(12, 31),
                    },
                ),
                Step::Accept => (officer, Action::Accept),
                Step::Resolve => (
                    officer,
                    Action::Resolve {
                        answer: "已解决".into(),
                    },
                ),
                Step::Close => (
                    cadre,
                    Action::Confirm {
                        satisfaction: Satisfaction::Satisfied,
                        note: None,
                        deadline: None,
                    },
                ),
            };
            let actor = world::actor(self.pool(), ids.id(who)).await;
            let now = when + Duration::minutes(10 * (i as i64 + 1));
            row = cases::act(&mut tx, row.id, &actor, &action, now)
                .await
                .unwrap()
                .case;
        }
        tx.commit().await.unwrap();
        row
    }

    async fn visit(&self, cadre: &str, enterprise: &str, on: NaiveDate) {
        let mut conn = self.pool().acquire().await.unwrap();
        let visit = NewVisit {
            enterprise_id: self.ids.id(enterprise),
            cadre_id: self.ids.id(cadre),
            visited_on: on,
            note: None,
            no_problems: true,
        };
        visits::record(&mut conn, &visit, today_at()).await.unwrap();
    }

    /// Notices of `kind` queued for a person.
    async fn notices(&self, person: &str, kind: &str) -> i64 {
        sqlx::query_scalar("select count(*) from outbox where recipient_id = $1 and kind = $2")
            .bind(self.ids.id(person))
            .bind(kind)
            .fetch_one(self.pool())
            .await
            .unwrap()
    }
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Dispatch,
    Accept,
    Resolve,
    Close,
}

fn team_line(name: &str, figures: [i64; 3], silent: String, rank: String) -> String {
    tr(
        ZH,
        "townships-team-line",
        Args::new()
            .str("name", name)
            .num("visits", figures[0] as f64)
            .num("cases", figures[1] as f64)
            .num("pending", figures[2] as f64)
            .str("silent", silent)
            .str("rank", rank),
    )
}

#[tokio::test]
async fn a_department_head_hears_the_work_of_the_cadres_of_their_department_as_worked_out_by_hand()
{
    let w = Towns::new().await;
    // 王建国: visits on 11-10 and 11-20 (and one in October, outside the month); cases raised
    // on 11-05 (resolved, waiting for his confirmation) and 11-24, and one in October (closed).
    w.visit("C1", "E1", day(10, 25)).await;
    w.visit("C1", "E1", day(11, 10)).await;
    w.visit("C1", "E1", day(11, 20)).await;
    w.case(
        "E1",
        at(10, 20),
        &[Step::Dispatch, Step::Accept, Step::Resolve, Step::Close],
    )
    .await;
    w.case(
        "E1",
        at(11, 5),
        &[Step::Dispatch, Step::Accept, Step::Resolve],
    )
    .await;
    w.case("E1", at(11, 24), &[Step::Dispatch]).await;
    // 陈明 has done nothing at all; 周亮 (another department) visited and raised a case.
    w.visit("C3", "E3", day(11, 26)).await;
    w.case("E3", at(11, 26), &[Step::Dispatch]).await;

    let out = w.cmd(HEAD, "team", "2026-11-01..2026-11-30").await;
    let text = joined(&out);
    // By hand, for November: 王建国 visited twice, raised two cases, one waits for his
    // confirmation; last heard from on 11-24, three days before the 27th. The assessment
    // scores two cadres: 王建国 (one of two dispatches signed for in time, his one resolution on
    // time: 78.6) and 周亮 (his one dispatch not yet signed for: 0), so he is first of two.
    // 陈明: nothing, never heard from, no rank.
    let rank = |r: u32, of: usize| {
        tr(
            ZH,
            "townships-team-rank",
            Args::new().num("rank", f64::from(r)).num("of", of as f64),
        )
    };
    let silent = |days: i64| {
        tr(
            ZH,
            "townships-team-silent",
            Args::new().num("days", days as f64),
        )
    };
    let wang = team_line("王建国", [2, 2, 1], silent(3), rank(1, 2));
    let chen = team_line(
        "陈明",
        [0, 0, 0],
        t(ZH, "townships-team-never"),
        t(ZH, "assess-no-rank"),
    );
    assert!(text.contains(&wang), "expected {wang:?} in {text:?}");
    assert!(text.contains(&chen), "expected {chen:?} in {text:?}");
    assert!(text.contains("县交通运输局"));
    // 周亮 belongs to another department: not in this head's report.
    assert!(!text.contains("周亮"), "{text}");
}

#[tokio::test]
async fn team_is_refused_to_anyone_who_heads_no_department_and_a_bad_period_is_explained() {
    let w = Towns::new().await;
    let out = w.cmd(CADRE, "team", "").await;
    assert_eq!(joined(&out), refusal(ZH, Command::Team));
    let out = w.cmd(MA, "team", "").await;
    assert_eq!(joined(&out), refusal(ZH, Command::Team));
    let out = w.cmd(HEAD, "team", "昨天").await;
    has(
        &out,
        &tr(ZH, "bot-period-unknown", Args::new().str("text", "昨天")),
    );
}

#[tokio::test]
async fn a_township_person_sees_their_townships_cases_and_never_anothers() {
    let w = Towns::new().await;
    let ours = w.case("E1", at(11, 5), &[Step::Dispatch]).await;
    let also_ours = w.case("E2", at(11, 6), &[]).await;
    let closed = w
        .case(
            "E2",
            at(11, 2),
            &[Step::Dispatch, Step::Accept, Step::Resolve, Step::Close],
        )
        .await;
    let theirs = w.case("E3", at(11, 7), &[Step::Dispatch]).await;

    // The list: the township's open cases, not the closed one, not the other township's.
    let out = w.cmd(MA, "township", "").await;
    let text = joined(&out);
    has(
        &out,
        &tr(
            ZH,
            "townships-list-title",
            Args::new().str("township", "马召镇").num("count", 2.0),
        ),
    );
    assert!(text.contains(&ours.number) && text.contains(&also_ours.number));
    assert!(
        !text.contains(&theirs.number) && !text.contains(&closed.number),
        "{text}"
    );
    let out = w.cmd(QING, "township", "").await;
    let text = joined(&out);
    assert!(
        text.contains(&theirs.number) && !text.contains(&ours.number),
        "{text}"
    );

    // Another township's case reads as not found; one's own opens, read-only with notes.
    let out = w.cmd(MA, "case", &theirs.number).await;
    assert_eq!(joined(&out), t(ZH, "bot-case-not-found"));
    let out = w.cmd(MA, "case", &ours.number).await;
    has(&out, "秦岭猕猴桃合作社");
    let labels = labels(&out);
    assert!(labels.contains(&t(ZH, "bot-op-note")), "{labels:?}");
    for forbidden in [
        "bot-op-accept",
        "bot-op-return",
        "bot-op-resolve",
        "bot-op-supervise",
    ] {
        assert!(
            !labels.contains(&t(ZH, forbidden)),
            "{forbidden} in {labels:?}"
        );
    }

    // A note is recorded in the process record under the township person's name.
    let note = button(&out.replies, &t(ZH, "bot-op-note"));
    w.send(MA, press(&note)).await;
    let out = w.text(MA, "镇里已协调施工队").await;
    has(
        &out,
        &tr(
            ZH,
            "bot-note-saved",
            Args::new().str("number", &ours.number),
        ),
    );
    let noted: i64 = sqlx::query_scalar(
        "select count(*) from case_events where case_id = $1 and kind = 'note' and actor_id = $2",
    )
    .bind(ours.id)
    .bind(w.ids.id("TP1"))
    .fetch_one(w.pool())
    .await
    .unwrap();
    assert_eq!(noted, 1);

    // A township person without a township is told so, not shown the county.
    sqlx::query("update people set township_id = null where code = 'TP2'")
        .execute(w.pool())
        .await
        .unwrap();
    let out = w.cmd(QING, "township", "").await;
    assert_eq!(joined(&out), t(ZH, "townships-no-township"));
    let out = w.cmd(QING, "case", &theirs.number).await;
    assert_eq!(joined(&out), t(ZH, "bot-case-not-found"));
}

#[tokio::test]
async fn a_township_person_is_told_of_their_townships_new_and_closed_cases_only() {
    let w = Towns::new().await;
    // Reported through the dialogue by 王建国 (马召镇; one enterprise, so not asked which).
    w.cmd(CADRE, "report", "").await;
    let out = w.text(CADRE, "厂区门前道路破损，货车进出困难").await;
    let category = first_button(&out);
    let out = w.send(CADRE, press(&category)).await;
    let out = w
        .send(
            CADRE,
            press(&button(&out.replies, &difficulty_label("simple"))),
        )
        .await;
    w.send(
        CADRE,
        press(&button(&out.replies, &t(ZH, "bot-report-submit"))),
    )
    .await;
    assert_eq!(w.notices("TP1", "case_reported").await, 1);
    assert_eq!(w.notices("TP2", "case_reported").await, 0);

    // Closed by the cadre's confirmation: 马镇长 hears of it, 青镇长 does not.
    let case = w
        .case(
            "E1",
            at(11, 20),
            &[Step::Dispatch, Step::Accept, Step::Resolve],
        )
        .await;
    let out = w.cmd(CADRE, "case", &case.number).await;
    w.send(
        CADRE,
        press(&button(&out.replies, &t(ZH, "bot-op-satisfied"))),
    )
    .await;
    assert_eq!(w.case_status(case.id).await, CaseStatus::Closed.code());
    assert_eq!(w.notices("TP1", "case_closed").await, 1);
    assert_eq!(w.notices("TP2", "case_closed").await, 0);
}

impl Towns {
    async fn case_status(&self, id: i64) -> String {
        sqlx::query_scalar("select status from cases where id = $1")
            .bind(id)
            .fetch_one(self.pool())
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn a_township_persons_summary_counts_their_township_only() {
    let w = Towns::new().await;
    w.case("E1", at(11, 23), &[Step::Dispatch]).await;
    w.case("E2", at(11, 24), &[]).await;
    w.case("E3", at(11, 24), &[Step::Dispatch]).await;
    let out = w.cmd(MA, "summary", "").await;
    has(
        &out,
        &tr(ZH, "townships-scope", Args::new().str("name", "马召镇")),
    );
    // Two new this week (Monday 11-23 on), both of 马召镇; 青岚镇's is not counted.
    assert_eq!(w.new_this_week(Scope::Township(w.ids.id("T1"))).await, 2);
    assert_eq!(w.new_this_week(Scope::County).await, 3);
}

impl Towns {
    /// Cases new this week (to Friday 11-27) in a scope, as `/summary` counts them.
    async fn new_this_week(&self, scope: Scope) -> i64 {
        let mut conn = self.pool().acquire().await.unwrap();
        let settings = Settings::default();
        let period = PeriodSpec::ThisWeek;
        let s = summary_for(
            &mut conn,
            &Request::new(
                scope,
                period,
                day(11, 27),
                &settings,
                &settings.calendar().unwrap(),
            ),
            Filter::default(),
        )
        .await
        .unwrap();
        s.totals.new
    }
}

/// The text of every notice of `kind` queued for a person.
async fn notice_texts(w: &Towns, person: &str, kind: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select body ->> 'text' from outbox where recipient_id = $1 and kind = $2 order by id",
    )
    .bind(w.ids.id(person))
    .bind(kind)
    .fetch_all(w.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn the_scheduler_tells_a_township_of_its_red_cards_and_sends_its_weekly_summary_and_the_heads_report()
 {
    let w = Towns::new().await;
    // Due Monday 11-16 and never signed for: yellow from 11-17, red five working days later.
    let ours = w.case("E1", at(11, 2), &[Step::Dispatch]).await;
    let theirs = w.case("E3", at(11, 2), &[Step::Dispatch]).await;
    for id in [ours.id, theirs.id] {
        sqlx::query("update cases set deadline = '2026-11-16' where id = $1")
            .bind(id)
            .execute(w.pool())
            .await
            .unwrap();
    }
    let scheduler = test_scheduler(w.pool(), "towns");
    // Thursday 11-19 (yellow), then Tuesday 11-24, the day it turns red (overdue by more
    // than five working days), 10:00 in Shanghai.
    scheduler.run_due(at(11, 19)).await.unwrap();
    assert!(notice_texts(&w, "TP1", "escalation_red").await.is_empty());
    scheduler.run_due(at(11, 24)).await.unwrap();
    let red = notice_texts(&w, "TP1", "escalation_red").await;
    assert_eq!(red.len(), 1, "{red:?}");
    assert!(red[0].contains(&ours.number) && !red[0].contains(&theirs.number));
    let red = notice_texts(&w, "TP2", "escalation_red").await;
    assert_eq!(red.len(), 1, "{red:?}");
    assert!(red[0].contains(&theirs.number) && !red[0].contains(&ours.number));

    // Monday 11-30: the weekly summaries at 09:00, the heads' reports at 09:30.
    let monday = |h: u32, m: u32| -> DateTime<Utc> {
        format!("2026-11-30T{:02}:{m:02}:00Z", h - 8)
            .parse()
            .unwrap()
    };
    scheduler.run_due(monday(9, 0)).await.unwrap();
    let weekly = notice_texts(&w, "TP1", "weekly_township").await;
    assert_eq!(weekly.len(), 1);
    assert!(
        weekly[0].contains(&tr(
            ZH,
            "townships-scope",
            Args::new().str("name", "马召镇")
        )),
        "{weekly:?}"
    );
    assert_eq!(notice_texts(&w, "TP2", "weekly_township").await.len(), 1);
    scheduler.run_due(monday(9, 30)).await.unwrap();
    let team = notice_texts(&w, "H1", "weekly_team").await;
    assert_eq!(team.len(), 1);
    assert!(
        team[0].contains("王建国") && team[0].contains("陈明"),
        "{team:?}"
    );
    assert!(!team[0].contains("周亮"), "{team:?}");
    // Nobody else heads a department: no one else gets a report.
    let others: i64 = sqlx::query_scalar(
        "select count(*) from outbox where kind = 'weekly_team' and recipient_id <> $1",
    )
    .bind(w.ids.id("H1"))
    .fetch_one(w.pool())
    .await
    .unwrap();
    assert_eq!(others, 0);
}
