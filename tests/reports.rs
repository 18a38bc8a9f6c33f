//! The reports on a small seeded county whose answers were worked out by hand: the summary,
//! the chart's data, the assessment, the export and the weekly figures all agree, and each
//! person sees only their scope.
//!
//! The county (times are Asia/Shanghai; today is Friday 2026-11-27; the period is November):
//! - C1 E1 industry: reported 11-02 09:00, to 发改局 11-02 10:00 (due 11-09), signed 11-03 09:00,
//!   resolved 11-06 15:00, closed satisfied 11-07.
//! - C2 E2 finance: reported 11-03 09:00, to 住建局 11-03 11:00 (due 11-10), returned 11-04 09:00,
//!   to 发改局 11-04 14:00 (due 11-18), signed 11-06 09:00, resolved 11-20 10:00 (late),
//!   reopened unsatisfied 11-21: in progress and overdue.
//! - C3 E3 industry: reported 10-20, to 住建局 10-21 (due 11-05), signed 10-22: overdue;
//!   supervised 11-10.
//! - C4 E1 tourism: reported 11-25, not dispatched.
//! - C5 E3 industry: reported 11-10 09:00, to 发改局 11-10 10:00 (due 11-30), not signed for.
//! - C6 E2 finance: reported 11-12 09:00, to 住建局 11-12 10:00 (due 11-19), signed 11-12 16:00,
//!   resolved 11-18 10:00, closed basically satisfied 11-19.
//!
//! E1 and E2 are cadre 王芳's, E3 is cadre 李强's.

/// The part of the tests' support these tests need: a fresh database and the world builder.
#[allow(dead_code)]
mod support {
    pub mod db;
    pub mod world;
    pub mod xlsx;
}

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use sqlx::PgConnection;

use support::db::TestDb;
use support::world;
use support::xlsx::xlsx_part;
use zhuqi::config::Settings;
use zhuqi::domain::{Action, Actor, Category, Difficulty, Role, Roles, Satisfaction, WorkCalendar};
use zhuqi::i18n::{Args, t, tr};
use zhuqi::reports::chart::StatusGroup;
use zhuqi::reports::figures::{self, Dim, Selection};
use zhuqi::reports::{
    self, DrillView, Filter, GroupKey, PeriodSpec, Request, Scope, Subject, render_summary,
    summary_view,
};
use zhuqi::store::cases::{self, NewCase};
use zhuqi::store::visits;

fn today() -> NaiveDate {
    day("2026-11-27")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A local Shanghai time as an instant.
fn at(s: &str) -> DateTime<Utc> {
    let local = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    chrono_tz::Asia::Shanghai
        .from_local_datetime(&local)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

struct County {
    db: TestDb,
    d1: i64,
    d2: i64,
    t1: i64,
    cadre_a: i64,
    cadre_b: i64,
    officer_1: i64,
    cases: Vec<i64>,
}

fn actor(id: i64, roles: &[Role], department_id: Option<i64>) -> Actor {
    Actor {
        person_id: id,
        roles: Roles::new(roles.iter().copied()),
        department_id,
        township_id: None,
    }
}

async fn id(conn: &mut PgConnection, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(conn)
        .await
        .unwrap()
}

async fn seed() -> County {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let c = &mut *conn;
    let w = world::County::new(&db.pool)
        .township("T1", "马召镇")
        .township("T2", "集贤镇")
        .department("FGJ", "发改局", &[])
        .department("ZJJ", "住建局", &[])
        .cadre("A", "王芳")
        .cadre("B", "李强")
        .officer("O1", "赵敏", "FGJ")
        .officer("O2", "钱进", "ZJJ")
        .dispatcher("X", "孙丽")
        .leader("L", "周县长")
        .enterprise("E1", "秦岭猕猴桃公司", "T1", "A")
        .enterprise("E2", "周至汽配厂", "T2", "A")
        .enterprise("E3", "楼观文旅公司", "T1", "B")
        .build()
        .await;
    let (t1, d1, d2) = (w.id("T1"), w.id("FGJ"), w.id("ZJJ"));
    let (cadre_a, cadre_b) = (w.id("A"), w.id("B"));
    let (officer_1, officer_2) = (w.id("O1"), w.id("O2"));
    let (dispatcher, leader) = (w.id("X"), w.id("L"));
    let (e1, e2, e3) = (w.id("E1"), w.id("E2"), w.id("E3"));

    let a = actor(cadre_a, &[Role::Cadre], None);
    let b = actor(cadre_b, &[Role::Cadre], None);
    let o1 = actor(officer_1, &[Role::Officer], Some(d1));
    let o2 = actor(officer_2, &[Role::Officer], Some(d2));
    let x = actor(dispatcher, &[Role::Dispatcher], None);
    let l = actor(leader, &[Role::Leader], None);

    let mut ids = vec![];
    for (who, e, cat, text, when) in [
        (
            &a,
            e1,
            Category::Industry,
            "厂房用电增容",
            "2026-11-02 09:00",
        ),
        (
            &a,
            e2,
            Category::Finance,
            "流动资金贷款",
            "2026-11-03 09:00",
        ),
        (
            &b,
            e3,
            Category::Industry,
            "<b>道路</b> & 排水",
            "2026-10-20 09:00",
        ),
        (
            &a,
            e1,
            Category::Tourism,
            "景区停车位不足",
            "2026-11-25 09:00",
        ),
        (
            &b,
            e3,
            Category::Industry,
            "设备进口手续",
            "2026-11-10 09:00",
        ),
        (
            &a,
            e2,
            Category::Finance,
            "税费减免政策咨询",
            "2026-11-12 09:00",
        ),
    ] {
        let new = NewCase {
            enterprise_id: e,
            category: cat,
            difficulty: Difficulty::Simple,
            description: text.into(),
        };
        let row = cases::report(c, "ZZ", who, &new, at(when), 2026)
            .await
            .unwrap();
        ids.push(row.id);
    }
    let dispatch = |d: i64, assignee: i64, deadline: &str| Action::Dispatch {
        department_id: d,
        assignee_id: Some(assignee),
        deadline: day(deadline),
    };
    let steps: Vec<(usize, &Actor, Action, &str)> = vec![
        (
            0,
            &x,
            dispatch(d1, officer_1, "2026-11-09"),
            "2026-11-02 10:00",
        ),
        (0, &o1, Action::Accept, "2026-11-03 09:00"),
        (
            0,
            &o1,
            Action::Resolve {
                answer: "已增容".into(),
            },
            "2026-11-06 15:00",
        ),
        (
            0,
            &a,
            Action::Confirm {
                satisfaction: Satisfaction::Satisfied,
                note: None,
                deadline: None,
            },
            "2026-11-07 10:00",
        ),
        (
            1,
            &x,
            dispatch(d2, officer_2, "2026-11-10"),
            "2026-11-03 11:00",
        ),
        (
            1,
            &o2,
            Action::Return {
                reason: "不属于本局职责".into(),
            },
            "2026-11-04 09:00",
        ),
        (
            1,
            &x,
            dispatch(d1, officer_1, "2026-11-18"),
            "2026-11-04 14:00",
        ),
        (1, &o1, Action::Accept, "2026-11-06 09:00"),
        (
            1,
            &o1,
            Action::Progress {
                note: "已对接银行".into(),
            },
            "2026-11-10 09:00",
        ),
        (
            1,
            &o1,
            Action::Resolve {
                answer: "已放款".into(),
            },
            "2026-11-20 10:00",
        ),
        (
            1,
            &a,
            Action::Confirm {
                satisfaction: Satisfaction::Unsatisfied,
                note: Some("额度不够".into()),
                deadline: None,
            },
            "2026-11-21 10:00",
        ),
        (
            2,
            &x,
            dispatch(d2, officer_2, "2026-11-05"),
            "2026-10-21 09:00",
        ),
        (2, &o2, Action::Accept, "2026-10-22 09:00"),
        (
            2,
            &l,
            Action::Supervise {
                note: Some("限期解决".into()),
            },
            "2026-11-10 09:00",
        ),
        (
            4,
            &x,
            dispatch(d1, officer_1, "2026-11-30"),
            "2026-11-10 10:00",
        ),
        (
            5,
            &x,
            dispatch(d2, officer_2, "2026-11-19"),
            "2026-11-12 10:00",
        ),
        (5, &o2, Action::Accept, "2026-11-12 16:00"),
        (
            5,
            &o2,
            Action::Resolve {
                answer: "已落实政策".into(),
            },
            "2026-11-18 10:00",
        ),
        (
            5,
            &a,
            Action::Confirm {
                satisfaction: Satisfaction::BasicallySatisfied,
                note: None,
                deadline: None,
            },
            "2026-11-19 10:00",
        ),
    ];
    for (i, who, action, when) in steps {
        cases::act(c, ids[i], who, &action, at(when)).await.unwrap();
    }
    for (e, cadre, visited) in [
        (e1, cadre_a, "2026-11-05"),
        (e1, cadre_a, "2026-11-20"),
        (e2, cadre_a, "2026-10-15"),
        (e3, cadre_b, "2026-11-11"),
    ] {
        let visit = visits::NewVisit {
            enterprise_id: e,
            cadre_id: cadre,
            visited_on: day(visited),
            note: Some("走访".into()),
            no_problems: false,
        };
        visits::record(&mut *c, &visit, Utc::now()).await.unwrap();
    }
    drop(conn);
    County {
        db,
        d1,
        d2,
        t1,
        cadre_a,
        cadre_b,
        officer_1,
        cases: ids,
    }
}

fn settings() -> Settings {
    Settings::default()
}

/// The county's working-day calendar, as the settings name it.
static CALENDAR: LazyLock<WorkCalendar> = LazyLock::new(|| settings().calendar().unwrap());

/// A report of `scope` over `period`, as of `today()`, under `settings` and the calendar.
fn ask(scope: Scope, period: PeriodSpec, settings: &Settings) -> Request<'_> {
    Request::new(scope, period, today(), settings, &CALENDAR)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[tokio::test]
async fn the_county_summary_has_the_hand_computed_figures() {
    let county = seed().await;
    let mut conn = county.db.pool.acquire().await.unwrap();
    let s = reports::summary_for(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings()),
        Filter::default(),
    )
    .await
    .unwrap();
    let f = s.totals;
    assert_eq!(f.new, 5);
    assert_eq!(f.flow.dispatched, 5);
    assert_eq!(f.flow.signed_for, 3);
    assert_eq!(f.flow.returned, 1);
    assert_eq!(f.flow.resolved, 3);
    assert_eq!(f.flow.resolved_on_time, 2);
    assert_eq!(f.flow.closed, 2);
    assert_eq!(f.flow.reopened, 1);
    assert_eq!(f.flow.confirmed, 3);
    assert_eq!(f.flow.satisfied, 2);
    assert!(close(f.flow.on_time_rate(), 2.0 / 3.0));
    assert!(close(f.flow.satisfaction_rate(), 2.0 / 3.0));
    assert_eq!(f.stock.awaiting_dispatch, 1);
    assert_eq!(f.stock.awaiting_sign_for, 1);
    assert_eq!(f.stock.in_progress, 2);
    assert_eq!(f.stock.awaiting_confirmation, 0);
    assert_eq!(f.stock.open, 4);
    assert_eq!(f.stock.overdue, 2);
    // Sign-for: 6 h, 23 h, 43 h; resolution: 4 d 6 h, 6 d 1 h, 17 d 1 h.
    assert!(close(f.median_days_to_sign_for, 23.0 / 24.0));
    assert!(close(f.median_days_to_resolve, 6.0 + 1.0 / 24.0));

    let new_by = |key: GroupKey| {
        s.by_category
            .iter()
            .chain(&s.by_department)
            .chain(&s.by_township)
            .find(|r| r.key == key)
            .map(|r| r.figures)
            .unwrap_or_default()
    };
    assert_eq!(new_by(GroupKey::Category(Category::Industry)).new, 2);
    assert_eq!(new_by(GroupKey::Category(Category::Finance)).new, 2);
    assert_eq!(new_by(GroupKey::Category(Category::Tourism)).new, 1);
    let d1 = new_by(GroupKey::Department(Some(county.d1)));
    assert_eq!(
        (d1.flow.dispatched, d1.flow.signed_for, d1.flow.returned),
        (3, 2, 0)
    );
    assert_eq!((d1.flow.resolved, d1.flow.resolved_on_time), (2, 1));
    assert_eq!((d1.stock.open, d1.stock.overdue), (2, 1));
    let d2 = new_by(GroupKey::Department(Some(county.d2)));
    assert_eq!(
        (d2.flow.dispatched, d2.flow.signed_for, d2.flow.returned),
        (2, 1, 1)
    );
    assert_eq!((d2.stock.open, d2.stock.overdue), (1, 1));
    assert_eq!(
        new_by(GroupKey::Department(None)).new,
        1,
        "C4 is not dispatched yet"
    );
    assert_eq!(new_by(GroupKey::Township(Some(county.t1))).new, 3);

    // The longest overdue first: C3 (due 11-05, 16 working days), then C2 (due 11-18, 7).
    let worst: Vec<(i64, i64, bool)> = s
        .worst_overdue
        .iter()
        .map(|c| (c.case_id, c.working_days_overdue, c.supervised))
        .collect();
    assert_eq!(
        worst,
        vec![(county.cases[2], 16, true), (county.cases[1], 7, false)]
    );

    let text = render_summary("zh-CN", &s);
    assert!(
        text.contains(&tr(
            "zh-CN",
            "report-rates",
            Args::new()
                .str("on_time", "66.7%")
                .str("satisfaction", "66.7%")
        ))
    );
    assert!(text.contains(&t("zh-CN", "report-scope-county")));
    let english = render_summary("en", &s);
    assert!(english.contains(&tr(
        "en",
        "report-stock-heading",
        Args::new().str("today", "2026-11-27")
    )));
}

#[tokio::test]
async fn the_drill_down_goes_from_the_county_to_a_category_to_a_department_to_its_cases() {
    let county = seed().await;
    let mut conn = county.db.pool.acquire().await.unwrap();
    let settings = settings();
    let s = reports::summary_for(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings),
        Filter::default(),
    )
    .await
    .unwrap();
    let view = summary_view("zh-CN", &s);
    let industry = view
        .drill
        .iter()
        .flatten()
        .find(|o| o.label == t("zh-CN", "category-industry"))
        .expect("a button for industry")
        .target;
    assert_eq!(industry.filter.category, Some(Category::Industry));

    let s = reports::summary_for(
        &mut conn,
        &ask(Scope::County, industry.period, &settings),
        industry.filter,
    )
    .await
    .unwrap();
    assert_eq!(s.totals.new, 2);
    let view = summary_view("zh-CN", &s);
    let department = view
        .drill
        .iter()
        .flatten()
        .find(|o| o.label == "发改局")
        .expect("a button for 发改局")
        .target;
    assert_eq!(department.filter.department_id, Some(county.d1));
    assert!(
        view.drill
            .iter()
            .flatten()
            .any(|o| o.label == t("zh-CN", "report-drill-up"))
    );

    let s = reports::summary_for(
        &mut conn,
        &ask(Scope::County, department.period, &settings),
        department.filter,
    )
    .await
    .unwrap();
    // Industry cases now with 发改局: C1 (closed) and C5 (awaiting sign-for).
    assert_eq!((s.totals.new, s.totals.stock.open), (2, 1));
    let view = summary_view("zh-CN", &s);
    let list = view
        .drill
        .iter()
        .flatten()
        .find(|o| o.target.view == DrillView::Cases)
        .expect("a case list option")
        .target;
    let cases = reports::cases_for(
        &mut conn,
        &ask(Scope::County, list.period, &settings),
        list.filter,
        30,
    )
    .await
    .unwrap();
    let ids: Vec<i64> = cases.cases.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![county.cases[4], county.cases[0]]);
    let text = reports::render_cases("zh-CN", &cases);
    assert!(text.contains(&cases.cases[0].number));
}

#[tokio::test]
async fn an_officer_sees_their_department_and_a_cadre_their_enterprises() {
    let county = seed().await;
    let mut conn = county.db.pool.acquire().await.unwrap();
    let settings = settings();
    let person = zhuqi::store::people::by_id(&mut conn, county.officer_1)
        .await
        .unwrap()
        .unwrap();
    let scope = Scope::for_person(&person).unwrap();
    assert_eq!(scope, Scope::Department(county.d1));
    let s = reports::summary_for(
        &mut conn,
        &ask(scope, PeriodSpec::ThisMonth, &settings),
        Filter::default(),
    )
    .await
    .unwrap();
    assert_eq!(s.totals.new, 3, "C1, C2 and C5 are with 发改局 now");
    assert_eq!(s.totals.flow.dispatched, 3);
    assert_eq!((s.totals.stock.open, s.totals.stock.overdue), (2, 1));
    assert!(
        s.by_department
            .iter()
            .all(|r| r.key == GroupKey::Department(Some(county.d1)))
    );
    // Asking for another department through the filter shows nothing.
    let other = Filter {
        department_id: Some(county.d2),
        ..Filter::default()
    };
    let s = reports::summary_for(
        &mut conn,
        &ask(scope, PeriodSpec::ThisMonth, &settings),
        other,
    )
    .await
    .unwrap();
    assert!(s.totals.is_quiet());
    assert!(render_summary("zh-CN", &s).contains(&t("zh-CN", "report-quiet")));

    let person = zhuqi::store::people::by_id(&mut conn, county.cadre_b)
        .await
        .unwrap()
        .unwrap();
    let scope = Scope::for_person(&person).unwrap();
    assert_eq!(scope, Scope::Cadre(county.cadre_b));
    let s = reports::summary_for(
        &mut conn,
        &ask(scope, PeriodSpec::ThisMonth, &settings),
        Filter::default(),
    )
    .await
    .unwrap();
    assert_eq!(s.totals.new, 1);
    assert_eq!((s.totals.stock.open, s.totals.stock.overdue), (2, 1));
    assert!(render_summary("zh-CN", &s).contains("李强"));
    let csv = reports::export_csv_bytes(
        &mut conn,
        &ask(scope, PeriodSpec::ThisMonth, &settings),
        "zh-CN",
    )
    .await
    .unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(text.lines().count(), 3, "a header and C3, C5: {text}");
}

#[tokio::test]
async fn the_assessment_matches_the_summary_and_the_hand_computed_scores() {
    let county = seed().await;
    let mut conn = county.db.pool.acquire().await.unwrap();
    let settings = settings();
    let a = reports::assessment(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings),
    )
    .await
    .unwrap();
    let names: Vec<(&str, Option<u32>, Option<f64>)> = a
        .departments
        .iter()
        .map(|r| (r.name.as_str(), r.rank, r.score))
        .collect();
    // 住建局: 30×½ + 40×1 + 30×1 − 2×1 overdue − 1×1 return; 发改局: 30×⅓ + 40×½ + 30×½ − 2.
    assert_eq!(
        names,
        vec![
            ("住建局", Some(1), Some(82.0)),
            ("发改局", Some(2), Some(43.0))
        ]
    );
    let d1 = &a.departments[1];
    assert_eq!(
        (d1.dispatched, d1.signed_in_time, d1.overdue, d1.returned),
        (3, 1, 1, 0)
    );
    let cadres: Vec<(i64, Option<u32>, Option<f64>)> =
        a.cadres.iter().map(|r| (r.id, r.rank, r.score)).collect();
    assert_eq!(
        cadres,
        vec![
            (county.cadre_a, Some(1), Some(58.7)),
            // Nothing measured well and one overdue: 0 − 2, and penalties stop at 0.
            (county.cadre_b, Some(2), Some(0.0))
        ]
    );
    let wang = &a.cadres[0];
    assert_eq!(
        (wang.visits, wang.enterprises, wang.enterprises_visited),
        (2, 2, 1)
    );
    assert_eq!(a.cadres[1].visit_rate(), Some(1.0));

    // The same figures as the summary's department breakdown.
    let s = reports::summary_for(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings),
        Filter::default(),
    )
    .await
    .unwrap();
    for row in &a.departments {
        let g = s
            .by_department
            .iter()
            .find(|r| r.key == GroupKey::Department(Some(row.id)))
            .unwrap()
            .figures;
        assert_eq!(row.dispatched, g.flow.dispatched);
        assert_eq!(row.resolved_on_time, g.flow.resolved_on_time);
        assert_eq!(row.satisfied, g.flow.satisfied);
        assert_eq!(row.overdue, g.stock.overdue);
        assert_eq!(row.returned, g.flow.returned);
    }
    // And a cadre's row is that cadre's own summary.
    let own = reports::summary_for(
        &mut conn,
        &ask(
            Scope::Cadre(county.cadre_a),
            PeriodSpec::ThisMonth,
            &settings,
        ),
        Filter::default(),
    )
    .await
    .unwrap();
    assert_eq!(wang.dispatched, own.totals.flow.dispatched);
    assert_eq!(wang.overdue, own.totals.stock.overdue);
    assert!(reports::render_assessment("zh-CN", &a).contains("住建局"));
    assert!(a.cadres.iter().all(|r| r.subject == Subject::Cadre));
}

#[tokio::test]
async fn the_chart_and_the_weekly_figures_agree_with_the_summary() {
    let county = seed().await;
    let mut conn = county.db.pool.acquire().await.unwrap();
    let settings = settings();
    let data = reports::chart_data(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings),
        Filter::default(),
    )
    .await
    .unwrap();
    let s = reports::summary_for(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings),
        Filter::default(),
    )
    .await
    .unwrap();
    for bar in &data.bars {
        let row = s
            .by_category
            .iter()
            .find(|r| r.key == GroupKey::Category(bar.category))
            .unwrap();
        assert_eq!(bar.total(), row.figures.new);
    }
    let industry = data
        .bars
        .iter()
        .find(|b| b.category == Category::Industry)
        .unwrap();
    let stack = |g: StatusGroup| industry.stacks.iter().find(|(x, _)| *x == g).unwrap().1;
    assert_eq!(
        (
            stack(StatusGroup::Closed),
            stack(StatusGroup::AwaitingSignFor)
        ),
        (1, 1)
    );

    // Each week of the trend is what the weekly summary of that week says.
    assert_eq!(data.trend.len(), reports::chart::TREND_WEEKS);
    for week in &data.trend {
        let period =
            PeriodSpec::range(week.week_start, week.week_start + chrono::Days::new(6)).unwrap();
        let w = reports::summary_for(
            &mut conn,
            &ask(Scope::County, period, &settings),
            Filter::default(),
        )
        .await
        .unwrap();
        assert_eq!(
            (week.new, week.closed),
            (w.totals.new, w.totals.flow.closed),
            "{week:?}"
        );
    }
    let total_new: i64 = data.trend.iter().map(|w| w.new).sum();
    assert_eq!(total_new, 6);

    // The flow figures by cadre add up to the county's.
    let sel = Selection {
        scope: Scope::County,
        filter: Filter::default(),
        window: PeriodSpec::ThisMonth
            .resolve(today())
            .window(settings.timezone),
    };
    let by_cadre = figures::flow(&mut conn, &sel, settings.timezone, &[Dim::Cadre])
        .await
        .unwrap();
    let sum: i64 = by_cadre
        .iter()
        .filter(|(k, _)| matches!(k, GroupKey::Cadre(_)))
        .map(|(_, f)| f.dispatched)
        .sum();
    assert_eq!(sum, s.totals.flow.dispatched);

    for locale in ["zh-CN", "en"] {
        let png =
            reports::chart_png(locale, &data).expect("the chart font is installed by the set-up");
        assert_eq!(&png[1..4], b"PNG");
        let path = std::env::temp_dir().join(format!("zhuqi-chart-{locale}.png"));
        std::fs::write(&path, &png).unwrap();
    }
}

#[tokio::test]
async fn the_export_has_the_ledger_headers_real_dates_and_the_same_status() {
    let county = seed().await;
    let mut conn = county.db.pool.acquire().await.unwrap();
    let settings = settings();
    let csv = reports::export_csv_bytes(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings),
        "zh-CN",
    )
    .await
    .unwrap();
    assert!(
        csv.starts_with("\u{feff}".as_bytes()),
        "a byte order mark for Excel"
    );
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let expected: Vec<String> = reports::export::LEDGER_COLUMNS
        .iter()
        .map(|k| t("zh-CN", k))
        .collect();
    assert_eq!(headers, expected);
    assert_eq!(headers[0], "编号");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let c3 = &rows[2];
    assert_eq!(&c3[1], "楼观文旅公司");
    assert_eq!(
        &c3[5], "<b>道路</b> & 排水",
        "descriptions are written as typed"
    );
    assert_eq!(
        &c3[10],
        format!(
            "{}{}",
            t("zh-CN", "status-accepted"),
            t("zh-CN", "export-overdue-suffix")
        )
    );
    assert_eq!(&c3[14], t("zh-CN", "export-supervised-yes"));
    assert_eq!(&c3[15], "0", "the number of files");
    let c2 = &rows[1];
    assert_eq!(
        &c2[11], "额度不够",
        "the latest note is the latest progress"
    );
    assert_eq!(&c2[6], "2026-11-03 09:00");
    // Overdue in the export is the summary's overdue.
    let overdue = rows
        .iter()
        .filter(|r| r[10].ends_with(&t("zh-CN", "export-overdue-suffix")))
        .count();
    assert_eq!(overdue, 2);

    let xlsx = reports::export_xlsx_bytes(
        &mut conn,
        &ask(Scope::County, PeriodSpec::ThisMonth, &settings),
        "en",
    )
    .await
    .unwrap();
    let sheet = xlsx_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(&t("en", "export-col-number")));
    assert!(sheet.contains("<pane ySplit=\"1\""), "a frozen header");
    assert!(
        sheet.contains("<autoFilter ref=\"A1:Q7\""),
        "filters on every column"
    );
    // C1 reported 2026-11-02 09:00 is the Excel date 46328.375; its deadline 11-09 is 46335.
    assert!(sheet.contains("<v>46328.375</v>"), "{sheet}");
    assert!(sheet.contains("<v>46335</v>"));
    let workbook = xlsx_part(&xlsx, "xl/workbook.xml");
    for key in [
        "export-sheet-ledger",
        "export-sheet-assessment",
        "export-sheet-visits",
    ] {
        assert!(workbook.contains(&t("en", key)), "{workbook}");
    }
    let visits = xlsx_part(&xlsx, "xl/worksheets/sheet3.xml");
    assert!(
        visits.contains("<autoFilter ref=\"A1:F5\""),
        "four visits: {visits}"
    );
}

/// Every figure, county-wide, from the rollups and from the raw facts and cases.
async fn both_paths(
    conn: &mut PgConnection,
    period: PeriodSpec,
    today: NaiveDate,
) -> (
    std::collections::HashMap<GroupKey, reports::Figures>,
    std::collections::HashMap<GroupKey, reports::Figures>,
) {
    let tz = settings().timezone;
    let sel = Selection {
        scope: Scope::County,
        filter: Filter::default(),
        window: period.resolve(today).window(tz),
    };
    let dims = [Dim::Category, Dim::Department, Dim::Township, Dim::Cadre];
    assert!(
        reports::rollup::days(conn, &sel, tz)
            .await
            .unwrap()
            .is_some(),
        "a county-wide summary of whole days reads the rollups"
    );
    let fast = figures::figures(conn, &sel, today, tz, &dims)
        .await
        .unwrap();
    let raw = figures::figures_raw(conn, &sel, today, tz, &dims)
        .await
        .unwrap();
    (fast, raw)
}

#[tokio::test]
async fn the_rollups_agree_with_the_raw_facts_before_and_after_changes() {
    let county = seed().await;
    let mut conn = county.db.pool.acquire().await.unwrap();
    let periods = [
        PeriodSpec::ThisMonth,
        PeriodSpec::LastMonth,
        PeriodSpec::ThisWeek,
        PeriodSpec::LastWeek,
        PeriodSpec::Range {
            from: day("2026-10-01"),
            to: day("2026-11-30"),
        },
        PeriodSpec::Range {
            from: day("2026-11-06"),
            to: day("2026-11-06"),
        },
        // A day, a week running into November, then days.
        PeriodSpec::Range {
            from: day("2026-10-18"),
            to: day("2026-11-05"),
        },
    ];
    for period in periods {
        let (fast, raw) = both_paths(&mut conn, period, today()).await;
        assert_eq!(fast, raw, "{period:?}");
    }
    // Changes after the stock snapshot for today exists: the triggers keep it, a dispatch
    // moves the new case to its department, and a re-pairing moves an enterprise's counts.
    let x = actor(
        id(&mut conn, "select id from people where code = 'X'").await,
        &[Role::Dispatcher],
        None,
    );
    let o1 = actor(county.officer_1, &[Role::Officer], Some(county.d1));
    let steps = [
        (
            3,
            &x,
            Action::Dispatch {
                department_id: county.d2,
                assignee_id: None,
                deadline: day("2026-11-26"),
            },
            "2026-11-25 15:00",
        ),
        (4, &o1, Action::Accept, "2026-11-26 08:30"),
    ];
    for (i, who, action, when) in steps {
        cases::act(&mut conn, county.cases[i], who, &action, at(when))
            .await
            .unwrap();
    }
    // Re-pairing an enterprise moves its counts to the new cadre.
    sqlx::query("update enterprises set cadre_id = $1 where code = 'E2'")
        .bind(county.cadre_b)
        .execute(&mut *conn)
        .await
        .unwrap();
    for period in periods {
        let (fast, raw) = both_paths(&mut conn, period, today()).await;
        assert_eq!(fast, raw, "{period:?} after the changes");
    }
    let totals = both_paths(&mut conn, PeriodSpec::ThisMonth, today())
        .await
        .0[&GroupKey::Total];
    // Four sign-fors now (6 h, 23 h, 43 h, 382.5 h): the median lies between 23 h and 43 h.
    assert!(close(totals.median_days_to_sign_for, 33.0 / 24.0));
    // Another "today" builds its own snapshot; the figures still agree.
    let (fast, raw) = both_paths(&mut conn, PeriodSpec::ThisMonth, day("2026-11-20")).await;
    assert_eq!(fast, raw, "as of 2026-11-20");
}
