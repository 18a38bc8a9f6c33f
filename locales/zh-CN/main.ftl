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
