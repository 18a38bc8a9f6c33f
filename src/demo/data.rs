//! The demo county's invented data: townships, departments and their categories, names,
//! enterprise brands and lines, and what people write about cases and visits.

use crate::domain::Category;

pub(super) const TOWNSHIPS: [(&str, &str); 10] = [
    ("t01", "青岚镇"),
    ("t02", "柳溪镇"),
    ("t03", "石门镇"),
    ("t04", "云台镇"),
    ("t05", "翠峰镇"),
    ("t06", "白鹭镇"),
    ("t07", "桃源镇"),
    ("t08", "松岭镇"),
    ("t09", "金川镇"),
    ("t10", "龙泉街道"),
];

pub(super) struct DepartmentSpec {
    pub(super) code: &'static str,
    pub(super) name: &'static str,
    pub(super) categories: &'static [Category],
    pub(super) sections: [(&'static str, &'static str); 2],
}

pub(super) const DEPARTMENTS: [DepartmentSpec; 10] = [
    DepartmentSpec {
        code: "fgj",
        name: "县发展和改革局",
        categories: &[Category::KeyProject],
        sections: [("xm", "重点项目办"), ("tz", "投资科")],
    },
    DepartmentSpec {
        code: "gxj",
        name: "县工业和信息化局",
        categories: &[Category::Industry],
        sections: [("yx", "工业运行科"), ("jg", "技术改造科")],
    },
    DepartmentSpec {
        code: "swj",
        name: "县商务局",
        categories: &[Category::Commerce],
        sections: [("lt", "商贸流通科"), ("wm", "对外贸易科")],
    },
    DepartmentSpec {
        code: "zjj",
        name: "县住房和城乡建设局",
        categories: &[Category::Construction],
        sections: [("jz", "建筑业管理科"), ("aq", "质量安全站")],
    },
    DepartmentSpec {
        code: "wlj",
        name: "县文化和旅游局",
        categories: &[Category::Tourism, Category::Culture],
        sections: [("ly", "旅游发展科"), ("wh", "文化产业科")],
    },
    DepartmentSpec {
        code: "kjj",
        name: "县科学技术局",
        categories: &[Category::Technology],
        sections: [("gx", "高新技术科"), ("cx", "创新服务科")],
    },
    DepartmentSpec {
        code: "jtj",
        name: "县交通运输局",
        categories: &[Category::Transport],
        sections: [("gl", "公路建设科"), ("ys", "运输管理科")],
    },
    DepartmentSpec {
        code: "jrb",
        name: "县金融工作服务中心",
        categories: &[Category::Finance],
        sections: [("xd", "信贷协调科"), ("fk", "风险防控科")],
    },
    DepartmentSpec {
        code: "zrj",
        name: "县自然资源局",
        categories: &[],
        sections: [("yd", "用地保障科"), ("gh", "规划科")],
    },
    DepartmentSpec {
        code: "rsj",
        name: "县人力资源和社会保障局",
        categories: &[],
        sections: [("jy", "就业促进科"), ("rc", "人才服务科")],
    },
];

pub(super) const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
];

pub(super) const GIVEN_NAMES: [&str; 40] = [
    "明远", "晓岚", "建峰", "雅婷", "志刚", "海燕", "文博", "丽娟", "国栋", "春梅", "浩然", "秀英",
    "立新", "雪莹", "振华", "慧敏", "永强", "静怡", "俊杰", "红霞", "思源", "玉兰", "鹏飞", "晓燕",
    "德胜", "佳琪", "卫东", "婉清", "子涵", "桂芳", "承泽", "淑贞", "博文", "若曦", "朝阳", "美玲",
    "启航", "书瑶", "松涛", "梦琪",
];

pub(super) const BRANDS: [&str; 20] = [
    "绿源", "恒泰", "华丰", "瑞祥", "鑫达", "宏远", "金穗", "天禾", "博远", "佳禾", "嘉和", "永盛",
    "汇通", "新程", "康德", "明辉", "润田", "星河", "禾丰", "云帆",
];

/// Business line of an enterprise: name part and industry.
pub(super) const LINES: [(&str, &str); 14] = [
    ("食品", "食品加工"),
    ("机械制造", "装备制造"),
    ("新材料", "新材料"),
    ("电子商务", "电子商务"),
    ("建材", "建材"),
    ("农业科技", "现代农业"),
    ("生物科技", "生物医药"),
    ("物流", "物流"),
    ("文化传媒", "文化创意"),
    ("旅游开发", "文化旅游"),
    ("建筑工程", "建筑业"),
    ("软件", "信息技术"),
    ("果业", "现代农业"),
    ("包装", "包装印刷"),
];

pub(super) const PROJECT_KINDS: [(&str, &str); 12] = [
    ("猕猴桃冷链仓储项目", "现代农业"),
    ("农产品加工园项目", "食品加工"),
    ("全域旅游服务中心项目", "文化旅游"),
    ("标准化厂房项目", "园区建设"),
    ("分布式光伏发电项目", "新能源"),
    ("物流园项目", "物流"),
    ("污水处理厂提标改造项目", "市政设施"),
    ("康养小镇项目", "文化旅游"),
    ("智慧农业示范园项目", "现代农业"),
    ("文创街区项目", "文化创意"),
    ("职业技能实训基地项目", "教育培训"),
    ("农贸市场改造项目", "商贸"),
];

/// Problems as cadres write them, per category.
pub(super) fn descriptions(category: Category) -> &'static [&'static str] {
    match category {
        Category::KeyProject => &[
            "项目用地预审已提交一个多月仍未批复，影响项目按期开工，请帮助协调自然资源部门加快审批。",
            "项目环评报告已编制完成，专家评审会迟迟未能安排，希望尽快组织评审。",
            "二期厂房规划许可证办理卡在规划条件核实环节，企业不清楚还需补充哪些材料。",
            "项目红线内还有三户未完成征迁，施工单位无法进场，请镇村协助做好群众工作。",
            "项目立项备案信息需要变更投资额，线上系统无法修改，请发改部门指导办理。",
            "项目施工用水用电临时接入手续办理较慢，开工节点面临延误。",
        ],
        Category::Industry => &[
            "厂区用电负荷不足，新增两条生产线后经常跳闸，申请增容一直没有答复。",
            "企业新上设备需要办理特种设备使用登记，不清楚办理流程和时限。",
            "天然气供应价格上涨且供气不稳定，影响连续生产，请协调燃气公司保障供应。",
            "旺季订单增加，招工困难，缺少熟练操作工约50人，希望帮助对接劳务资源。",
            "企业技术改造项目已完工，申报省级技改补助需要主管部门出具意见。",
            "厂房屋顶漏水严重，园区管委会维修进度慢，影响原料仓储。",
        ],
        Category::Commerce => &[
            "企业想开展农产品电商直播销售，缺少场地和运营人员，希望得到电商服务中心支持。",
            "食品经营许可证即将到期，延续申请提交后系统显示退回，不清楚原因。",
            "企业有意拓展出口业务，不了解出口备案和报关流程，请商务部门给予指导。",
            "猕猴桃销售季临近，冷链物流车辆不足，希望协调物流企业对接。",
            "门店所在商业街改造施工围挡时间过长，客流下降明显，销路受影响。",
            "参加外地展销会的补贴政策不清楚，希望了解申报条件。",
        ],
        Category::Construction => &[
            "厂房竣工验收中消防验收未通过，整改意见不够明确，请住建部门上门指导。",
            "企业承建的安置房项目工程款拖欠较多，影响农民工工资支付。",
            "建筑业企业资质升级申报材料多次被退回，希望得到具体指导。",
            "施工许可证办理需要的图审合格书出具较慢，工地已停工等待。",
            "厂区附属用房需要办理房屋产权登记，历史手续不全，无法办理。",
            "工地周边道路被渣土车压坏，群众有意见，需要协调处理方案。",
        ],
        Category::Tourism => &[
            "景区旺季游客多，停车位严重不足，周边道路拥堵，希望增设临时停车场。",
            "民宿办理特种行业许可证流程不清楚，多部门来回跑，希望一次讲清。",
            "景区通往主路的旅游标识牌缺失，游客经常走错路，请协调设置。",
            "农家乐集中区污水处理设施不完善，影响环境和游客体验。",
            "希望将景区纳入县里的旅游宣传推介线路，增加客源。",
            "酒店消防改造需要专业机构评估，不清楚资质要求和费用标准。",
        ],
        Category::Technology => &[
            "企业申报高新技术企业认定，研发费用归集不规范，需要专业辅导。",
            "两项发明专利申请已受理一年多，希望了解能否走快速审查通道。",
            "企业与高校合作研发项目需要配套资金，想了解县级科技计划项目申报时间。",
            "数字化车间改造缺少懂软件的技术人才，希望对接人才引进政策。",
            "科技型中小企业评价入库后，研发费用加计扣除政策享受不到位。",
            "企业想建设市级工程技术研究中心，不清楚认定条件。",
        ],
        Category::Transport => &[
            "厂区门前道路破损严重，雨天积水，货车进出困难，请交通部门安排维修。",
            "园区到高速入口的道路限高限重，大型货车无法通行，影响原料运输。",
            "企业货车办理道路运输证年审，系统提示信息不一致，无法办理。",
            "厂区附近路段没有路灯，夜班员工上下班存在安全隐患。",
            "村道桥梁年久失修，被限行后农产品运输只能绕行十多公里。",
            "希望在园区增设公交站点，方便员工通勤。",
        ],
        Category::Culture => &[
            "文创产品开发需要使用非遗图案，不清楚授权和备案手续。",
            "企业举办大型演出活动需要办理营业性演出许可，时间紧，希望加快办理。",
            "户外广告牌设置审批涉及多个部门，企业不清楚应当向哪个部门申请。",
            "文化产业园入驻企业希望享受房租减免政策，具体条件不明确。",
            "影视拍摄基地建设需要协调林地使用和文物保护意见。",
        ],
        Category::Finance => &[
            "企业流动资金紧张，原料采购款缺口约300万元，希望对接银行贷款支持。",
            "一笔200万元贷款下月到期，续贷需要提前还款，担心资金链断裂，请求协调无还本续贷。",
            "申请创业担保贷款，担保机构要求的反担保条件企业难以满足。",
            "企业享受的稳岗补贴迟迟未到账，不清楚卡在哪个环节。",
            "企业想申请政府性融资担保，担保费率较高，希望了解降费政策。",
            "增值税留抵退税申请已提交，退税进度较慢，影响资金周转。",
        ],
    }
}

/// What the department answers when it resolves a case, per category.
pub(super) fn answers(category: Category) -> &'static [&'static str] {
    match category {
        Category::KeyProject => &[
            "已协调相关部门开通绿色通道，审批手续已办结，项目可按期开工。",
            "已组织专家评审并出具意见，企业按意见修改后已完成批复。",
            "经现场办公会议研究，明确了补充材料清单，企业已补齐并取得许可。",
        ],
        Category::Industry => &[
            "已协调供电公司完成增容改造，新线路已投运。",
            "已上门讲解办理流程，企业已完成登记。",
            "已组织专场招聘会并对接劳务公司，企业已招到所需工人。",
        ],
        Category::Commerce => &[
            "已对接县电商服务中心，免费提供直播场地和运营培训。",
            "经核实为材料格式问题，已指导企业重新提交并办结。",
            "已组织出口业务培训，并安排专人全程指导备案。",
        ],
        Category::Construction => &[
            "已组织消防验收复查，企业按整改意见完成整改，验收通过。",
            "已召开协调会，建设单位制定了分期支付计划，首笔款项已到位。",
            "已安排专人指导资质申报，材料已通过审核。",
        ],
        Category::Tourism => &[
            "已协调设置两处临时停车场，新增车位约300个，并安排交通疏导。",
            "已编印民宿办证一次性告知单，并陪同企业完成办理。",
            "已协调交通部门增设旅游标识牌，已安装到位。",
        ],
        Category::Technology => &[
            "已邀请专业机构上门辅导，企业研发费用归集已规范，按时提交认定申请。",
            "已协助企业向知识产权部门申请优先审查，已获受理。",
            "已对接县人才政策，帮助企业引进两名技术人员。",
        ],
        Category::Transport => &[
            "已安排养护队伍完成路面修补和排水疏通，货车通行恢复正常。",
            "已协调调整通行方案，在夜间时段允许货车通行。",
            "已协调供电部门安装路灯，已亮灯。",
        ],
        Category::Culture => &[
            "已指导企业办理非遗图案使用授权，并完成版权登记。",
            "已开通加急办理，演出许可证已核发。",
            "已明确牵头部门并实行一窗受理，广告牌审批已办结。",
        ],
        Category::Finance => &[
            "已组织银企对接，县农商银行已发放流动资金贷款300万元。",
            "已协调银行办理无还本续贷，企业贷款已顺利转期。",
            "已核实补贴发放环节，资金已拨付到企业账户。",
        ],
    }
}

pub(super) const PROGRESS_NOTES: [&str; 8] = [
    "已与企业负责人电话沟通，了解具体情况。",
    "已安排科室负责人到企业现场查看。",
    "已召开部门协调会，明确了办理思路和分工。",
    "已向上级主管部门请示，正在等待答复。",
    "已收到企业补充的材料，正在审核。",
    "相关手续已进入审批流程，预计本周内有结果。",
    "已与相关单位对接，对方承诺尽快办理。",
    "现场踏勘已完成，正在制定解决方案。",
];

pub(super) const INFO_REQUESTS: [&str; 4] = [
    "请补充企业联系人和具体诉求涉及的金额、时间节点。",
    "请说明此前是否已向相关部门反映过，对方如何答复。",
    "请补充现场照片或相关文件，便于判断交办部门。",
    "请说明问题涉及的具体地点和影响范围。",
];

pub(super) const INFO_SUPPLIES: [&str; 4] = [
    "已补充：企业联系人电话已更新，资金缺口和时间节点见附件说明。",
    "已补充：此前曾向镇上反映，镇上建议向县级部门反映。",
    "已补充现场照片三张。",
    "已补充：影响企业正常生产，涉及员工约80人。",
];

pub(super) const RETURN_REASONS: [&str; 3] = [
    "经研究，该事项不属于我单位职责范围，建议交由行业主管部门办理。",
    "该问题涉及土地和规划，建议改派自然资源部门牵头。",
    "该事项主要涉及资金和贷款，建议改派金融服务部门。",
];

pub(super) const CONFIRM_NOTES: [&str; 4] = [
    "企业对办理结果表示满意。",
    "企业负责人表示问题已解决，感谢部门支持。",
    "问题基本解决，企业希望后续继续跟进。",
    "已回访企业，企业认可办理结果。",
];

pub(super) const UNSATISFIED_REASONS: [&str; 3] = [
    "企业反映问题只解决了一部分，仍有后续手续未办结。",
    "企业表示答复与实际情况不符，希望部门再到现场核实。",
    "办理时间过长，企业已错过生产旺季，希望进一步协调。",
];

pub(super) const SUPERVISION_NOTES: [&str; 3] = [
    "该事项已超期，请责任部门主要负责同志亲自过问，三个工作日内报告进展。",
    "请加快办理，确保本周内给企业明确答复。",
    "列入督办事项，请每周报送办理进度。",
];

pub(super) const MILESTONES: [&str; 5] = [
    "完成现场踏勘",
    "召开协调会明确方案",
    "完成材料审核",
    "上报审批",
    "办结并回访企业",
];

pub(super) const VISIT_NOTES: [&str; 5] = [
    "走访企业，了解生产经营情况，企业运行平稳。",
    "与企业负责人座谈，宣讲惠企政策。",
    "查看项目建设进度，现场协调施工问题。",
    "走访了解企业用工和订单情况。",
    "回访前期反映问题的办理情况。",
];

/// An invented enterprise's name: brand and line of business, marked as demo data.
pub(super) fn enterprise_name(brand: &str, line: &str) -> String {
    format!("{brand}{line}有限公司（演示）")
}

/// An invented project unit's name: township and kind of project, marked as demo data.
pub(super) fn project_name(township: &str, kind: &str) -> String {
    format!("{township}{kind}（演示）")
}

/// The departments responsible for the demo's key projects, in turn.
pub(super) const PROJECT_DEPARTMENTS: [&str; 4] = ["fgj", "zjj", "gxj", "wlj"];

/// Problems holding a project back, as cadres write them in their monthly reports.
pub(super) const PROJECT_PROBLEMS: [&str; 6] = [
    "施工用电增容手续尚未批复，影响主体施工进度。",
    "项目临时用地尚未交付，施工便道无法修建。",
    "环评批复迟迟未下达，设备无法进场安装。",
    "配套道路未完工，大型设备运输困难。",
    "项目贷款审批进度慢，资金到位不足。",
    "施工许可证办理材料被退回两次，需要指导补正。",
];

/// Places an officer goes with an enterprise (陪办).
pub(super) const ACCOMPANY_PLACES: [&str; 2] = ["县政务服务中心", "市自然资源和规划局"];
/// Documents an officer takes in to handle a procedure for an enterprise (代办).
pub(super) const HANDLED_DOCUMENTS: [&str; 3] = [
    "营业执照副本原件",
    "法定代表人身份证复印件",
    "土地使用权证原件",
];

/// 问责: why a leader dismissed a proposed measure.
pub(super) const DISMISS_REASON: &str = "该同志本月参加全市集中培训，已当面提醒，暂不采取措施";

/// 典型案例: the leaders' notes on a closed case and on a key project.
pub(super) const TYPICAL_NOTES: [&str; 2] = [
    "多部门联合现场办公，一周内办结，企业非常满意",
    "项目代办员全程帮办代办，审批提速，提前开工",
];

/// What the demo inspections (督查) found: a centralized check of three points, an
/// unannounced visit, and the follow-up of the first.
pub(super) const INSPECTION_FINDINGS: [&str; 5] = [
    "政务服务窗口午间无人值守，企业办事等候超过一小时。",
    "助企问题台账登记不全，部分诉求无办理时限。",
    "企业反映的用电增容问题超期未答复。",
    "窗口工作人员脱岗，咨询电话无人接听。",
    "前次督查问题整改复查：台账已补齐，窗口值守仍需巩固。",
];
/// The departments' answers to the demo rectification items.
pub(super) const RECTIFICATION_ANSWERS: [&str; 2] = [
    "已实行午间轮班值守，并在窗口公示值班电话。",
    "已联系供电公司现场勘查，正在办理增容手续。",
];
