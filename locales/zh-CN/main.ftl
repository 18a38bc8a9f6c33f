# Shared terms: categories, difficulty, statuses, roles, satisfaction, common errors.
test-echo = echo: { $text }

category-key_project = 重点项目
category-industry = 工业
category-commerce = 商贸
category-construction = 建筑
category-tourism = 旅游
category-technology = 科技
category-transport = 交通
category-culture = 文化
category-finance = 金融

difficulty-simple = 简单
difficulty-moderate = 一般
difficulty-hard = 较难
difficulty-major = 重大

status-reported = 待交办
status-info_requested = 待补充材料
status-dispatched = 已交办待签收
status-accepted = 已签收
status-in_progress = 办理中
status-resolved = 已办理待确认
status-closed = 已办结
status-returned = 已退回待重新交办

role-cadre = 助企干部
role-officer = 部门责任人
role-dispatcher = 活动办
role-leader = 领导
role-admin = 管理员

satisfaction-satisfied = 满意
satisfaction-basically_satisfied = 基本满意
satisfaction-unsatisfied = 不满意

event-reported = 提出问题
event-info_requested = 要求补充材料
event-info_supplied = 补充材料
event-dispatched = 交办
event-accepted = 签收
event-returned = 退回
event-progress = 进展
event-resolved = 办理完毕
event-closed = 确认办结
event-reopened = 不满意，重新办理
event-supervised = 督办
event-note = 备注
event-milestone_added = 路线图节点
event-milestone_done = 路线图节点完成
event-attachment = 附件
event-reminder = 提醒

error-role-not-allowed = 您的角色不能进行此操作。
error-out-of-scope = 这件事不在您的职责范围内。
error-wrong-status = 该事项当前状态为“{ $status }”，不能进行此操作。
error-note-required = 请写明原因或内容。
error-internal = 抱歉，出了点问题，已记录。请稍后再试。
error-db-unavailable = 数据库暂时无法连接，您的消息没有保存，请稍后重新发送。

calendar-days-left = { $days ->
    [0] 今天到期
   *[other] 剩余 { $days } 个工作日
}
calendar-days-overdue = 已超期 { $days } 个工作日

cli-migrated = 数据库已是最新（共 { $count } 个迁移）。

# Roster import (zhuqi import)
import-kind-townships = 乡镇
import-kind-departments = 部门
import-kind-people = 人员
import-kind-enterprises = 企业和项目单位
import-done = { $kind }名单导入完成：共 { $rows } 行，新增 { $inserted } 行，更新 { $updated } 行，未变 { $unchanged } 行。
import-failed = 有 { $count } 处错误，本次没有导入任何数据。请修改后重新导入整个文件。
import-failed-store = 写入数据库失败，本次没有导入任何数据。
import-row-error = 第 { $line } 行：{ $reason }
import-file-unreadable = 无法读取文件 { $file }：{ $reason }
import-file-not-utf8 = 文件不是 UTF-8 编码（第 { $line } 行）。请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”后再导入。
import-file-empty = 文件是空的，第一行应为表头。
import-file-malformed = 第 { $line } 行不是有效的 CSV 格式（请检查引号是否成对）。
import-file-unknown-column = 表头“{ $column }”无法识别。各类名单可用的列见 README。
import-file-duplicate-column = 表头“{ $column }”出现了两次。
import-file-missing-column = 缺少必需的列“{ $column }”。
import-file-too-many-cells = 第 { $line } 行有 { $found } 个单元格，但表头只有 { $expected } 列。
import-error-missing = “{ $column }”不能为空
import-error-bad-code = 编码“{ $value }”无效（编码须为不含空格的一个词，最多 64 个字符）
import-error-too-long = “{ $column }”太长（最多 { $max } 个字）
import-error-duplicate-code = 编码“{ $code }”在本文件中重复（第 { $first } 行已出现）
import-error-unknown-township = 没有编码为“{ $code }”的乡镇，请先导入乡镇名单
import-error-unknown-department = 没有编码为“{ $code }”的部门，请先导入部门名单
import-error-unknown-person = 没有编码为“{ $code }”的人员，请先导入人员名单
import-error-unknown-section = 部门“{ $department }”没有科室“{ $section }”，请先在部门名单中列出该科室
import-error-section-without-department = 填写了科室“{ $section }”，但没有填写所属部门
import-error-bad-section = 科室“{ $value }”格式不对，应写作“编码=名称”或只写名称
import-error-bad-role = 角色“{ $value }”无法识别（可填：助企干部、责任人、活动办、领导、管理员，或 cadre、officer、dispatcher、leader、admin）
import-error-no-roles = 至少要填写一个角色
import-error-bad-phone = 电话“{ $value }”无效（应为 7 到 15 位数字，可含空格、横线、括号和开头的 +）
import-error-bad-language = 语言“{ $value }”无法识别（可填：中文、English，或 zh-CN、en）
import-error-bad-kind = 类型“{ $value }”无法识别（可填：企业、项目单位，或 enterprise、project）
import-error-bad-category = 类别“{ $value }”无法识别（九大类：重点项目、工业、商贸、建筑、旅游、科技、交通、文化、金融）
import-error-category-twice = 类别“{ $category }”已在第 { $first } 行分给了另一个部门
import-error-not-a-cadre = 人员“{ $code }”没有助企干部角色，不能包联企业
import-error-officer-without-department = 部门责任人必须填写所属部门
import-error-not-officer-of = “{ $person }”不是部门“{ $department }”的责任人，不能作为该部门的默认责任人
import-error-assigned-twice = 部门“{ $department }”在第 { $first } 行已指定过

# Invite codes (zhuqi invite)
cli-invite-code = 邀请码：{ $code }
cli-invite-for-person = 此邀请码供 { $name }（{ $target }）绑定账号，只能使用一次，{ $expires } 前有效。请其在与机器人的对话中发送：/start { $code }
cli-invite-for-department = 此邀请码供 { $name }（{ $target }）的工作群绑定，只能使用一次，{ $expires } 前有效。请把机器人拉进群后，在群里发送：/bind { $code }
cli-invite-unknown-person = 花名册中没有编码或编号为“{ $person }”的人员。
cli-db-unreachable = 无法连接 PostgreSQL 数据库。请检查 DATABASE_URL 是否正确、数据库服务是否已启动。
cli-db-migrate-failed = 无法更新数据库结构（迁移失败），原因见下。
cli-error = 错误：{ $error }
cli-usage-invalid-value = “{ $value }”不是 { $arg } 可用的值。可用的值：{ $valid }。
cli-usage-missing-value = { $arg } 后面需要写一个值。
cli-usage-bad-value = “{ $value }”不能用作 { $arg } 的值。
cli-usage-unknown-command = 没有“{ $command }”这个命令。
cli-usage-unknown-arg = 这里不能用参数“{ $arg }”。
cli-usage-missing-arg = 缺少必需的参数：{ $arg }。
cli-usage-missing-command = 请在 zhuqi 后面写上要做的事（命令）。
cli-usage-conflict = { $arg } 不能和 { $other } 一起使用。
cli-usage-extra-value = 多了一个值“{ $value }”。
cli-usage-unreadable = 无法识别这行命令。
cli-usage-did-you-mean = 您是不是要输入{ $suggested }？
cli-usage-line = 用法：{ $usage }
cli-usage-help = 在命令后加 --help 可查看说明：{ $command } --help
cli-usage-quoted = “{ $text }”
cli-usage-or = 或
cli-cause = 原因：{ $cause }
cli-settings-unreadable = 无法读取设置（config/zhuqi.toml 或 ZHUQI_CONFIG 指定的文件，以及环境变量）。
cli-calendar-unreadable = 无法读取工作日历（config/calendar.txt 或 ZHUQI_CALENDAR 指定的节假日和调休文件）。
cli-invite-unknown-department = 没有编码为“{ $department }”的部门。
cli-invite-bad-days = 有效天数应为 1 到 { $max } 天。

# Demo data (zhuqi demo)
cli-demo-seeded = 演示数据已生成：{ $townships } 个乡镇，{ $departments } 个部门，{ $people } 名人员，{ $enterprises } 家企业和项目单位，{ $cases } 件问题，{ $visits } 次走访。
cli-demo-status = { $status }：{ $count } 件
cli-demo-already = 演示数据已经在数据库里了，不再重复生成。
cli-demo-refused = 数据库里已有正式名单，为免混淆，不生成演示数据。请使用一个空数据库试用。
cli-demo-note = 这是一个虚构的县：人名、企业名称和电话号码都是编造的，企业名称带有“（演示）”字样。
cli-demo-hints = 无需邀请码，可在终端里用下列身份试用（zhuqi chat --as 编码）：
cli-demo-hint = { $role }：{ $code }（{ $name }）
error-db-unavailable-queued = 数据库暂时无法连接，您的消息还没有保存。连接恢复后会自动处理，请不要重复发送。

cli-summary-failed = 无法生成汇总。
cli-chart-failed = 无法生成图表。
cli-assess-failed = 无法生成考核表。
cli-inspection-report-failed = 无法生成督查报告。
cli-workbook-failed = 无法生成表格文件。
cli-file-unwritable = 无法写入文件 { $file }。
cli-export-failed = 无法把台账导出到 { $file }。
cli-files-zip-failed = 无法把事项附件打包到 { $file }。
cli-demo-failed = 无法生成演示数据。
cli-nobody-to-chat-as = 名册里没有可以扮演的在岗人员（助企干部、活动办、部门、领导或乡镇）：请用 zhuqi import people 导入名册，或用 zhuqi chat --as 编号 指定一位。
io-not-found = 文件或目录不存在
io-permission-denied = 没有权限
io-already-exists = 文件已存在
io-is-a-directory = 这是一个目录，不是文件
io-not-a-directory = 路径中有一段不是目录
io-storage-full = 磁盘已满
io-read-only = 文件系统是只读的
cli-console-failed = 以 { $person } 身份的终端会话中断了。
start-telegram-no-token = 没有设置 Telegram 机器人令牌（TELOXIDE_TOKEN）。
start-bad-url = { $url } 不是有效的网址。
start-telegram-waiting = 暂时无法连接 Telegram（getMe），稍后自动重试。请检查 TELOXIDE_API_URL 和网络。
start-telegram-token-refused = Telegram 不接受这个机器人令牌（getMe）：请检查 TELOXIDE_TOKEN 和 TELOXIDE_API_URL。
start-db-waiting = 暂时无法连接 PostgreSQL 数据库，稍后自动重试。请检查 DATABASE_URL 是否正确、数据库服务是否已启动。
start-telegram-set-webhook = 无法向 Telegram 登记 webhook（setWebhook）。
start-webhook-stopped = webhook 服务停止了。
start-listen-failed = 无法在 { $address } 上监听。
start-wecom-missing = 企业微信缺少设置：{ $setting }。
start-wecom-bad-key = 企业微信的 EncodingAESKey 无效（{ $setting }）。
