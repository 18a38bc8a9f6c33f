//! Reports in chat: /summary with its chart and drill-down, /assess and /export.

use super::*;

use zhuqi::conversation::refusal;
use zhuqi::conversation::state::Press;
use zhuqi::domain::Category;
use zhuqi::domain::commands::Command;
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
    let accept = first_button(&out);
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
        &w.engine.report(scope, period, report_day()),
        filter,
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
    // The year, from its button, as asked at the year's end; the rows hold three periods.
    let label = reports::render::period_name(ZH, PeriodSpec::ThisYear);
    assert!(menu(&out).buttons.iter().all(|row| row.len() <= 3));
    let out = w.press(w.leader, &button(&out.replies, &label)).await;
    assert_eq!(
        menu(&out).text,
        expected_summary(&w, Scope::County, PeriodSpec::ThisYear, Filter::default()).await
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
        &w.engine
            .report(Scope::County, PeriodSpec::ThisMonth, report_day()),
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
        assert_eq!(joined(&out), refusal(ZH, Command::Assess));
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
        assert_eq!(joined(&out), refusal(ZH, Command::Export));
        assert!(out.replies.iter().all(|r| r.document.is_none()));
    }
}

#[tokio::test]
async fn a_typed_period_is_read_and_a_bad_one_gets_examples() {
    let (w, _) = reports_world().await;
    let range = PeriodSpec::parse("2026-11-01..2026-11-15").unwrap();
    // As an ISO range, and as officials write it, without the year.
    for typed in ["2026-11-01..2026-11-15", "11月1日至11月15日"] {
        let out = w.cmd(w.leader, "summary", typed).await;
        assert_eq!(
            menu(&out).text,
            expected_summary(&w, Scope::County, range, Filter::default()).await
        );
    }
    let out = w.cmd(w.leader, "summary", "上月").await;
    assert_eq!(
        menu(&out).text,
        expected_summary(&w, Scope::County, PeriodSpec::LastMonth, Filter::default()).await
    );
    // A quarter, the year, and a month named without its year, as asked at the year's end;
    // the three cases were reported in November.
    for (typed, spec, line, new) in [
        (
            "本季度",
            PeriodSpec::ThisQuarter,
            "本季度：2026-10-01 至 2026-12-31",
            3,
        ),
        (
            "今年",
            PeriodSpec::ThisYear,
            "今年：2026-01-01 至 2026-12-31",
            3,
        ),
        (
            "11月",
            PeriodSpec::Month { month: 11 },
            "11月：2026-11-01 至 2026-11-30",
            3,
        ),
        (
            "10月份",
            PeriodSpec::Month { month: 10 },
            "10月：2026-10-01 至 2026-10-31",
            0,
        ),
    ] {
        let out = w.cmd(w.leader, "summary", typed).await;
        let text = &menu(&out).text;
        assert!(text.contains(line), "{typed}: {text}");
        assert!(text.contains(&format!("新增 {new} ")), "{typed}: {text}");
        assert_eq!(
            text,
            &expected_summary(&w, Scope::County, spec, Filter::default()).await
        );
    }
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
    assert_eq!(joined(&out), refusal(ZH, Command::Assess));
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
