## 工作群的绑定与通知

bot-group-bind-stranger = 只有本部门已绑定账号的责任人或部门负责人才能绑定工作群。请先私聊我用个人邀请码绑定账号，再在群里发送 /bind 部门邀请码。
bot-group-bind-not-officer = 这个邀请码属于 { $department }，只有该部门的责任人或负责人才能用它绑定工作群。邀请码仍然有效。
bot-group-already-bound = 本群已是 { $department } 的工作群，无需再次绑定。邀请码仍然有效。
bot-group-bound-elsewhere = 本群已绑定为 { $department } 的工作群，不能直接改绑到其他部门。如需改绑，请管理员先解除绑定（zhuqi groups unbind { $chat }）。邀请码仍然有效。

bot-group-card-township = 乡镇：{ $township }
bot-group-card-private = 企业名称、问题详情和办理记录请私聊我查看：/case { $number }
bot-group-notice-dispatched = 📨 <b>新交办事项</b>：{ $number }，请本部门责任人签收。
bot-group-notice-reopened = ⚠️ { $number } 已重新交办，请本部门责任人处理。
bot-group-notice-closed = ✅ { $number } 已确认办结。
bot-group-notice-supervised = 🔴 <b>督办</b>：{ $number } 已被督办，请加快办理。
bot-group-notice-changed = 📝 { $number } 有新情况，详情请私聊我查看。

## /groups（管理员）

bot-groups-admins-only = 只有管理员可以查看工作群列表。
bot-groups-none = 目前没有已绑定的工作群。
bot-groups-title = <b>已绑定的工作群（{ $count }）：</b>
bot-groups-no-title = 未命名
bot-groups-line = · { $department } —「{ $title }」（{ $chat }），{ $bound } 绑定
bot-groups-line-unreachable = · { $department } —「{ $title }」（{ $chat }），{ $bound } 绑定 · 无法送达
bot-groups-unbind-hint = 解除绑定请在命令行运行：zhuqi groups unbind 群号或部门编码

## 命令行：zhuqi groups

cli-groups-count = 已绑定的工作群：{ $count } 个
cli-groups-line = { $department }（{ $department_code }） · 群号 { $chat }（{ $transport }） · 「{ $title }」 · { $bound } 绑定 · { $reachable }
cli-groups-no-title = 未命名
cli-groups-reachable = 可送达
cli-groups-unreachable = 无法送达
cli-groups-unknown-target = “{ $target }”既不是部门编码，也不是群号（群号是数字，如 -1001234567890）。
cli-groups-nothing-bound = “{ $target }”没有已绑定的工作群，未做任何更改。
cli-groups-unbound = 已解除 { $count } 个工作群的绑定（已记入审计日志），之后不再向这些群发送任何消息：

## 定时提醒发到工作群时

sched-group-enterprise = （企业名称请私聊我查看）
