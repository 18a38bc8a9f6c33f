//! Approval items (审批事项): `/items` finds them (found, not found, paged, opened), and a case
//! linked to one — proposed from the report's words on the dispatch card — gets the item's steps
//! as its roadmap with working-day dates and the item's section; a step that goes overdue
//! reminds the officer and escalates to the department head.

use super::*;
use indicatif::ProgressBar;
use zhuqi::cli::ImportKind;

/// The transport bureau's sections, then its catalogue: one item of four steps about oversize
/// transport, and six more permits of two steps each.
pub(crate) async fn catalogue(pool: &PgPool) {
    let at: DateTime<Utc> = "2026-11-20T02:00:00Z".parse().unwrap();
    let sections = "code,name,sections\nD1,县交通运输局,sp=行政审批科;gl=公路科\n";
    let mut csv = String::from(
        "事项编码,事项名称,部门,科室,类型,设定依据,法定时限,承诺时限,申请材料,关键词,环节,环节时限,环节科室,责任人\n\
         JT-001,公路超限运输许可,D1,sp,行政审批,《公路安全保护条例》第三十五条,20,10,超限运输申请表；车辆行驶证,超限运输;大件运输,受理,1,,O1\n\
         JT-001,,,,,,,,,,审查,5,gl,O2\n\
         JT-001,,,,,,,,,,决定,3,,O1\n\
         JT-001,,,,,,,,,,送达,1,,O1\n",
    );
    for (n, name) in [
        "涉路施工许可",
        "道路运输经营许可",
        "客运班线许可",
        "出租汽车经营许可",
        "驾驶员培训许可",
        "危险货物运输许可",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!(
            "JT-10{n},{name},D1,gl,行政审批,,20,15,申请书,,受理,2,,O1\nJT-10{n},,,,,,,,,,决定,10,,O2\n"
        ));
    }
    for (kind, text) in [
        (ImportKind::Departments, sections.to_string()),
        (ImportKind::ApprovalItems, csv),
    ] {
        zhuqi::roster::import(pool, kind, text.as_bytes(), at, &ProgressBar::hidden(), 0)
            .await
            .unwrap();
    }
}

fn line_of(name: &str, code: &str, n: usize, place: &str, promised: i64) -> String {
    tr(
        ZH,
        "items-line",
        Args::new()
            .num("n", n as f64)
            .str("name", name)
            .str("code", code)
            .str("place", place)
            .num("promised", promised as f64)
            .num("statutory", 20.0),
    )
}

#[tokio::test]
async fn anyone_bound_searches_the_catalogue_pages_through_it_and_opens_an_item() {
    let w = World::new().await;
    catalogue(w.pool()).await;

    // Seven permits: a first page of five, a second of two.
    let out = w.cmd(w.cadre, "items", "许可").await;
    let title = |page: i64| {
        tr(
            ZH,
            "items-title",
            Args::new()
                .str("words", "许可")
                .num("total", 7.0)
                .num("page", page as f64)
                .num("pages", 2.0),
        )
    };
    has(&out, &title(1));
    has(
        &out,
        &line_of(
            "公路超限运输许可",
            "JT-001",
            1,
            "县交通运输局 行政审批科",
            10,
        ),
    );
    assert!(!joined(&out).contains("JT-105"), "page 1 holds five items");
    let out = w
        .press(w.cadre, &button(&out.replies, &t(ZH, "items-next")))
        .await;
    has(&out, &title(2));
    has(
        &out,
        &line_of("危险货物运输许可", "JT-105", 7, "县交通运输局 公路科", 15),
    );
    assert_eq!(
        out.replies[0].edit_message_id,
        Some(77),
        "the page replaces the list"
    );
    let out = w
        .press(w.cadre, &button(&out.replies, &t(ZH, "items-previous")))
        .await;
    has(&out, &title(1));

    // An item opened: what it needs, its limits, its steps and who handles each.
    let out = w
        .press(w.cadre, &button(&out.replies, "1. 公路超限运输许可"))
        .await;
    has(&out, "超限运输申请表；车辆行驶证");
    has(&out, "《公路安全保护条例》第三十五条");
    has(
        &out,
        &tr(
            ZH,
            "items-detail-step",
            Args::new()
                .num("n", 2.0)
                .str("step", "审查")
                .num("days", 5.0)
                .str("who", "公路科 张局长"),
        ),
    );

    // One match opens at once; a keyword finds it too; nothing found is said so.
    let out = w.cmd(w.officer, "items", "大件运输").await;
    has(&out, "📋 <b>公路超限运输许可</b>");
    let out = w.cmd(w.leader, "items", "火箭 发射").await;
    has(
        &out,
        &tr(ZH, "items-not-found", Args::new().str("words", "火箭 发射")),
    );
    // Words that would be patterns are taken literally.
    let out = w.cmd(w.cadre, "items", "%").await;
    has(
        &out,
        &tr(ZH, "items-not-found", Args::new().str("words", "%")),
    );
}

async fn milestones(w: &World, case_id: i64) -> Vec<(String, NaiveDate, Option<i64>)> {
    sqlx::query_as(
        "select m.title, m.due_on, m.section_id from milestones m \
         where m.case_id = $1 and m.removed_at is null order by m.due_on, m.id",
    )
    .bind(case_id)
    .fetch_all(w.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn an_approval_case_takes_its_roadmap_from_the_catalogue_and_an_overdue_step_escalates() {
    let w = World::new().await;
    catalogue(w.pool()).await;
    // Reported and dispatched on Friday 2026-11-27.
    let number = w
        .report(
            "车队大件运输需办理超限运输许可，材料交了一周还没受理",
            "simple",
        )
        .await;
    let (case_id, _) = w.case(&number).await;

    // The dispatch card proposes the item the words point to; pressing it links the case.
    let out = w.cmd(w.dispatcher, "case", &number).await;
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-op-dispatch")),
        )
        .await;
    let proposal = tr(
        ZH,
        "items-proposal",
        Args::new().str("name", "公路超限运输许可"),
    );
    let linked = w
        .press(w.dispatcher, &button(&out.replies, &proposal))
        .await;
    has(
        &linked,
        &format!("{number} 已关联审批事项“公路超限运输许可”"),
    );
    let told = w.outbox(w.cadre, "case_item_linked").await;
    assert!(
        told[0].text.contains("公路超限运输许可"),
        "the cadre is told"
    );
    // The proposal again, now by the item: to the officer of its first step, by its promised
    // limit (10 working days, where the simple difficulty would give 5).
    w.press(
        w.dispatcher,
        &button(&linked.replies, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let (assignee, deadline): (Option<i64>, Option<NaiveDate>) =
        sqlx::query_as("select assignee_id, deadline from cases where id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(
        (assignee, deadline),
        (Some(w.officer.id), Some("2026-12-11".parse().unwrap()))
    );

    // Four steps from the linking day: 1, 5, 3 and 1 working days, one after the other.
    let section: i64 = sqlx::query_scalar("select id from sections where code = 'sp'")
        .fetch_one(w.pool())
        .await
        .unwrap();
    let gl: i64 = sqlx::query_scalar("select id from sections where code = 'gl'")
        .fetch_one(w.pool())
        .await
        .unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    assert_eq!(
        milestones(&w, case_id).await,
        vec![
            (
                "受理 · 行政审批科 李科长".to_string(),
                d("2026-11-30"),
                Some(section)
            ),
            (
                "审查 · 公路科 张局长".to_string(),
                d("2026-12-07"),
                Some(gl)
            ),
            (
                "决定 · 行政审批科 李科长".to_string(),
                d("2026-12-10"),
                Some(section)
            ),
            (
                "送达 · 行政审批科 李科长".to_string(),
                d("2026-12-11"),
                Some(section)
            ),
        ]
    );
    let (case_section, status): (Option<i64>, String) =
        sqlx::query_as("select section_id, status from cases where id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(
        (case_section, status.as_str()),
        (Some(section), "dispatched")
    );
    let events = w
        .count("select count(*) from case_events where kind = 'item_linked'")
        .await;
    assert_eq!(events, 1, "the link is an event of the process record");

    // The card names the item and the section; linking it again is refused.
    let card = w.cmd(w.officer, "case", &number).await;
    has(
        &card,
        &tr(
            ZH,
            "items-card-line",
            Args::new()
                .str("name", "公路超限运输许可")
                .str("code", "JT-001")
                .num("promised", 10.0),
        ),
    );
    has(&card, "行政审批科");
    // The cadre sees the item on the card but may not change it.
    let cadre_card = w.cmd(w.cadre, "case", &number).await;
    has(&cadre_card, "公路超限运输许可（JT-001）");
    let labels: Vec<&str> = cadre_card
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .map(|b| b.label.as_str())
        .collect();
    assert!(
        !labels.contains(&t(ZH, "items-op-link").as_str()),
        "{labels:?}"
    );
    let menu = w
        .press(w.officer, &button(&card.replies, &t(ZH, "items-op-link")))
        .await;
    has(&menu, "公路超限运输许可（JT-001）");

    // The scheduler: a first scan on Friday evening, then Monday (step 1 due), then Tuesday
    // (step 1 overdue: the officer is reminded, the head gets a yellow card).
    let scheduler = w.scheduler();
    for at in [
        "2026-11-27T10:00:00Z",
        "2026-11-30T02:00:00Z",
        "2026-12-01T02:00:00Z",
    ] {
        scheduler.run_due(at.parse().unwrap()).await.unwrap();
    }
    let due_today = w.outbox(w.officer, "milestone_reminder").await;
    assert!(
        due_today
            .iter()
            .any(|r| r.text.contains("受理 · 行政审批科 李科长")),
        "{due_today:?}"
    );
    let yellow = w.outbox(w.head, "escalation_yellow").await;
    assert_eq!(yellow.len(), 1, "{yellow:?}");
    assert!(yellow[0].text.contains(&number), "{}", yellow[0].text);
    assert!(yellow[0].text.contains("受理"), "{}", yellow[0].text);
    assert!(!yellow[0].text.contains("审查"), "only the overdue step");
}

#[tokio::test]
async fn with_nothing_to_propose_the_item_menu_says_so_and_offers_the_search() {
    let w = World::new().await;
    catalogue(w.pool()).await;
    // Words no item's name or keywords hold, and no department yet.
    let number = w.report("企业食品经营许可证即将到期", "simple").await;
    let card = w.cmd(w.dispatcher, "case", &number).await;
    let menu = w
        .press(
            w.dispatcher,
            &button(&card.replies, &t(ZH, "items-op-link")),
        )
        .await;
    assert_eq!(
        joined(&menu),
        tr(
            ZH,
            "items-link-menu-none",
            Args::new().str("number", &number)
        )
    );
    button(&menu.replies, &t(ZH, "items-link-search"));
}
