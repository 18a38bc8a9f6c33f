# 按角色的命令菜单、帮助与权限（同一张权限表）；事项卡片的联系人；走访日期；汇总按乡镇、按干部下钻；考核表命令行。

## 帮助（每个命令一行，以命令开头）
menus-kind-head = 部门负责人
menus-help-heading = <b>【{ $name }】</b>
menus-help-report = /report 反映企业问题（可在命令后直接写问题，也可以直接发送问题描述或照片）
menus-help-my = /my 查看联系企业的未办结事项，补充说明，确认办理结果
menus-help-visit = /visit 记录走访或“零报告”（可补记 7 天内的走访，如 /visit 昨天）
menus-help-queue = /queue 查看待交办事项
menus-help-todo = /todo 查看本部门待办事项及时限
menus-help-overdue = /overdue 查看超期事项
menus-help-summary = /summary 情况汇总和图表，可按类别、部门、乡镇、干部逐级查看到具体事项（如 /summary 上月、/summary 2026-11-01..2026-11-15）
menus-help-assess = /assess 各部门、各干部考核表
menus-help-export = /export 导出台账（Excel）
menus-help-groups = /groups 查看已绑定的工作群
menus-help-people = /people 人员名单：谁已绑定、最近使用、停用或联系不上；可解绑账号、停用人员、给未绑定人员发邀请码（/people 姓名或编号 查找某人）
menus-help-case = /case 编号 查看事项（如 /case 42）或整改事项（如 /case ZG-2026-0001）；/case 企业名称或关键词 查找事项
menus-help-help = /help 查看本帮助
menus-help-lang = /lang 切换语言
menus-help-cancel = /cancel 退出当前操作
menus-help-start = /start 重新显示欢迎和帮助
menus-note-cadre = 汇总范围：您联系的企业。
menus-note-officer = 在事项卡片上：签收、退回、报送进展、添加路线图节点、办结答复。汇总范围：本部门。
menus-note-head = 待办和超期清单包括您负责的所有部门，可打开其中的事项卡片。
menus-note-dispatcher = 新问题会自动推送给您，附带建议的部门、责任人和时限，可确认或修改后交办，也可要求补充材料。
menus-note-leader = 可查看任一事项及完整办理记录，并在卡片上下达督办。
menus-note-admin = 可交办事项，可查看全县汇总。未绑定人员的邀请码可在 /people 中获取；名册导入、部门工作群邀请码等请使用命令行工具。
menus-not-for-you = /{ $command } 仅供{ $kinds }使用。发送 /help 查看您可以做什么。
menus-todo-no-department = 名册中还没有您所在的部门，请联系活动办。
menus-import-queued = 已为 { $count } 人更新命令菜单（机器人运行时发送）。

## 命令菜单（补充）
bot-cmd-groups = 已绑定的工作群

## 事项卡片：找谁
menus-card-name-phone = { $name } · { $phone }
menus-card-contact = 企业联系人：{ $who }
menus-card-cadre = 助企干部：{ $who }
menus-card-no-cadre = 暂无结对干部
menus-card-section = 科室：{ $section }
menus-card-assignee-phone = 责任人电话：{ $phone }

## 走访日期
menus-visit-when = 对 { $enterprise } 的走访是哪天？可以点按钮，也可以直接输入日期（如 11月25日）。
menus-visit-today = 今天
menus-visit-yesterday = 昨天
menus-visit-earlier = 更早…
menus-visit-day = { $date }（{ $weekday }）
menus-weekday-1 = 周一
menus-weekday-2 = 周二
menus-weekday-3 = 周三
menus-weekday-4 = 周四
menus-weekday-5 = 周五
menus-weekday-6 = 周六
menus-weekday-7 = 周日
menus-visit-command-date-unknown = 看不懂“{ $text }”这个日期。可以写 /visit 昨天、/visit 11月25日，或只发 /visit 再选日期。
menus-visit-command-date-future = { $date } 还没到：走访日期不能是将来的日期，只能是 { $from } 至 { $to }（今天或之前 { $days } 天内）。
menus-visit-date-unknown = 看不懂“{ $text }”这个日期。请输入如 11月25日、2026-11-25 或 昨天，或点按钮。
menus-visit-date-future = { $date } 还没到：走访日期不能是将来的日期，只能是 { $from } 至 { $to }（今天或之前 { $days } 天内）。请重新输入或点按钮。
menus-visit-date-too-old = { $date } 太早了：走访日期只能是 { $from } 至 { $to }（今天或之前 { $days } 天内）。更早的走访请联系活动办补录。
menus-visit-recorded-on = 已记录 { $date } 对 { $enterprise } 的走访。如发现问题，请发送 /report 反映。
menus-visit-recorded-zero-on = 已记录 { $date } 对 { $enterprise } 的走访（零报告）。

## 汇总下钻：按乡镇、按干部
menus-drill-by-category = 按类别
menus-drill-by-township = 按乡镇
menus-drill-by-cadre = 按干部

## 命令行：zhuqi assess
menus-assess-written = 考核表已写入 { $file }。
