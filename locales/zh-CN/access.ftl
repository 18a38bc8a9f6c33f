# 收回访问权限：停用人员、解绑账号、撤销邀请码、/people、邀请码防猜测、工作交接。

## 聊天
bot-cmd-people = 人员与账号（管理员）
access-withdrawn = 您的访问权限已被收回，机器人不再为这个账号办理事务。如有疑问，请联系活动办。
access-invite-try-later = 错误的邀请码次数过多，请一小时后再试。
event-reassigned = 转交责任人

## 给活动办的停用通知
access-office-deactivated = <b>人员已停用</b>：{ $name }（{ $code }），原因：{ $reason }。
access-office-nothing-open = 此人没有未结事项，也没有结对企业。
access-office-cases = 未结事项（{ $count }）：
access-office-case-line = · { $number } · { $enterprise } · { $status }（{ $role }）
access-as-assignee = 责任人
access-as-cadre = 助企干部
access-office-enterprises = 结对企业（{ $count }），请为其另选助企干部：
access-office-enterprise-line = · { $enterprise }（{ $township }）
access-office-more = ……另有 { $count } 项未列出。
access-button-reassign-case = 转交 { $number }
access-button-reassign-enterprise = 更换干部：{ $enterprise }

## 工作交接
access-reassign-moved-on = { $number } 的责任人已经变更，无需再转交。
access-reassign-no-officer = { $department } 没有其他可接手 { $number } 的责任人。请先导入人员，或重新交办该事项。
access-reassign-pick-officer = { $number } 转交给{ $department }的哪位责任人？
access-reassign-not-officer = 此人已不是该部门的在岗责任人，请重新选择。
access-reassign-case-note = 原责任人 { $from } 已停用，转交给 { $to }
access-notify-reassigned = 🔁 { $actor } 将 { $number } 转交给您办理
access-reassign-case-done = 已将 { $number } 转交给 { $officer }。
access-reassign-no-enterprise = 没有找到这家企业。
access-reassign-enterprise-moved-on = { $enterprise } 的助企干部已经变更，无需再更换。
access-reassign-no-cadre = 没有其他在岗的助企干部可以结对。
access-reassign-pick-cadre = { $enterprise } 改由哪位助企干部结对？
access-reassign-not-cadre = 此人已不是在岗的助企干部，请重新选择。
access-reassign-cadre-note = { $enterprise } 的助企干部由 { $from } 改为 { $to }
access-reassign-enterprise-done = { $enterprise } 已改由 { $cadre } 结对，其未结事项随之转交。

## /people
access-people-title = 人员（第 { $page }/{ $pages } 页，共 { $total } 人）：
access-people-line = · { $name }（{ $code }）：{ $state }{ $unreachable }
access-people-bound = 已绑定 { $accounts } 个账号，{ $last }
access-people-last-used = 最近使用 { $when }
access-people-never-used = 尚未使用
access-people-unbound = 未绑定
access-people-inactive = 已停用
access-people-unreachable = ，消息发送不到
access-people-empty = 花名册中还没有人员。
access-people-previous = ◀ 上一页
access-people-next = 下一页 ▶
access-button-unbind = 解绑 { $name }
access-button-deactivate = 停用 { $name }
access-button-invite = 🔑 邀请码 { $name }
access-invite-made = 🔑 { $name }（{ $code }）的邀请码：<b>{ $invite }</b>
    只能使用一次，{ $expires } 前有效。请转交本人：在与机器人的私聊中发送 /start { $invite }
access-invite-existing = 🔑 { $name }（{ $code }）还有一个未使用的邀请码：<b>{ $invite }</b>
    只能使用一次，{ $expires } 前有效。请转交本人：在与机器人的私聊中发送 /start { $invite }
    （再按一次不会作废已转交的邀请码；要换发新码，请用命令行 zhuqi invite { $code }。）
access-invite-already-bound = { $name }（{ $code }）已绑定账号，不需要邀请码。换手机等情况请先解绑，再发邀请码。
access-confirm-unbind = 确定解绑 { $name }（{ $code }）的全部账号吗？解绑后此人须凭新的邀请码重新绑定。再按一次确认。
access-confirm-deactivate = 确定停用 { $name }（{ $code }）吗？此人将不能再使用机器人，其未结事项和结对企业将通知活动办交接。再按一次确认。
access-button-confirm-unbind = 确认解绑 { $name }
access-button-confirm-deactivate = 确认停用 { $name }
access-people-nothing-to-unbind = { $name }（{ $code }）没有已绑定的账号。
access-people-already-inactive = { $name }（{ $code }）已经停用。
access-people-not-yourself = 不能停用自己。
access-people-gone = 没有找到此人。
access-unbound = 已解绑 { $name }（{ $code }）的 { $count } 个账号。
access-deactivated = 已停用 { $name }（{ $code }）：取消待发通知 { $notices } 条，撤销未用邀请码 { $invites } 个；已通知活动办交接其工作。

## 命令行
cli-people-deactivated = 已停用 { $name }（{ $code }）：{ $accounts } 个账号不再可用，取消待发通知 { $notices } 条，撤销未用邀请码 { $invites } 个；已通知活动办交接其未结事项和结对企业。
cli-people-already-inactive = { $name }（{ $code }）已经停用，未作改动。
cli-people-activated = 已重新启用 { $name }（{ $code }）。其原有账号恢复可用。
cli-people-already-active = { $name }（{ $code }）本来就是在岗状态，未作改动。
cli-accounts-none = 没有已绑定的账号。
cli-accounts-col-id = 编号
cli-accounts-col-person = 人员
cli-accounts-col-transport = 渠道
cli-accounts-col-user = 用户ID
cli-accounts-col-username = 用户名
cli-accounts-col-bound = 绑定时间
cli-accounts-col-used = 最近使用
cli-accounts-inactive-mark = （已停用）
cli-accounts-unbound = 已解绑 { $name }（{ $code }）的 { $count } 个账号：
cli-accounts-unbound-line = · 编号 { $account }：{ $transport } 用户 { $user }（{ $username }）
cli-accounts-nothing-to-unbind = { $name }（{ $code }）没有已绑定的账号。
cli-accounts-no-such-account = { $name }（{ $code }）没有编号为 { $account } 的账号。请用 zhuqi accounts list 查看。
cli-invite-person-inactive = { $person } 已停用，不能为其生成邀请码。请先执行 zhuqi people activate { $person }。
cli-invite-superseded = 此人之前 { $count } 个未用的邀请码已作废：{ $codes }（如需保留，请加 --keep-old）。
cli-invite-revoked = 邀请码 { $code }（{ $target }）已撤销，不能再使用。
cli-invite-revoke-used = 邀请码 { $code } 已经使用过，无法撤销。如需收回此人的访问权限，请用 zhuqi accounts unbind 或 zhuqi people deactivate。
cli-invite-revoke-already = 邀请码 { $code } 已经撤销过。
cli-invite-revoke-unknown = 没有邀请码 { $code }。
cli-import-deactivated = 按“在岗”一列停用了 { $count } 人，已通知活动办交接其工作。
import-error-bad-active = “在岗”应为 是/否（yes/no、true/false、1/0），不是“{ $value }”
cli-chat-person-inactive = { $name }（{ $code }）已停用，不能使用机器人。请先执行 zhuqi people activate { $code }。
access-people-found = 姓名或编号含“{ $words }”的人员（{ $total } 人）：
access-people-found-first = 姓名或编号含“{ $words }”的人员共 { $total } 人，以下是前 { $shown } 人；写得更具体些可以缩小范围：
access-people-none-found = 没有姓名或编号含“{ $words }”的人员。发送 /people 查看全部。
