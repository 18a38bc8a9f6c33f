# 事项纠错：改类别/难度、延期、调整时限、路线图节点、附件。

## 过程记录中的事件
event-reclassified = 调整类别/难度
event-extension_requested = 申请延期
event-extension_approved = 同意延期
event-extension_refused = 不同意延期
event-deadline_changed = 调整办理时限
event-milestone_changed = 修改路线图节点
event-milestone_removed = 删除路线图节点

## 卡片
casework-card-extension-pending = ⏳ 延期申请待审批：{ $from } → { $to }（{ $requester }：{ $reason }）
casework-card-extension-approved = ⏩ 已延期：{ $from } → { $to }（{ $requester } 申请，{ $decider } 同意）
casework-card-extension-refused = ✖️ 延期未获同意：申请延至 { $to }（{ $requester } 申请，{ $decider } 不同意：{ $note }）
casework-card-extension-withdrawn = ↩️ 延期申请已撤回：申请延至 { $to }（{ $requester } 申请，未审批前事项已离开本部门）
casework-card-event-files = { " " }📎{ $count }
casework-card-event-deadline = （时限 { $date }）
casework-op-reclassify = 🏷 改类别/难度
casework-op-extend = ⏳ 申请延期
casework-op-set-deadline = 📅 调整时限
casework-op-roadmap = 🗓 管理路线图
casework-op-files = 📎 查看附件

## 改类别/难度（活动办）
casework-reclassify-category = { $number } 现为 { $current }。选择新的类别：
casework-reclassify-difficulty = { $number } 现为 { $current }。选择难度：
casework-reclassify-deadline = { $number } 的办理时限为 { $date }，是否随新难度调整？
casework-deadline-keep = 保持 { $date }
casework-deadline-follow = 按新难度重算：{ $date }
casework-ask-reclassify-reason = 请写明调整 { $number } 类别/难度的原因（发送 /cancel 放弃）。
casework-reclassified = 已将 { $number } 改为 { $what }，办理时限不变。
casework-reclassified-deadline = 已将 { $number } 改为 { $what }，办理时限改为 { $deadline }。
casework-notify-reclassified = 🏷 { $actor } 将 { $number } 调整为 { $what }。原因：{ $reason }

## 调整办理时限（活动办）
casework-deadline-menu = { $number } 现办理时限 { $date }。选择新的时限：
casework-deadline-set = 已将 { $number } 的办理时限调整为 { $deadline }。
casework-notify-deadline-changed = 📅 { $actor } 将 { $number } 的办理时限调整为 { $date }。
casework-notify-reopened-dispatcher = ⚠️ 企业对 { $number } 的办理结果不满意，已重新交部门办理，新的办理时限为 { $deadline }（可用“调整时限”修改）。原因：{ $reason }

## 延期
casework-ask-extension-date = { $number } 现办理时限 { $date }。请输入希望延至的日期（须为之后的工作日），如 2026-12-25 或 12月25日，也可以写延长几个工作日，如 10个工作日（发送 /cancel 放弃）。
casework-extension-unreadable = 没有看懂。请写延至的日期，如 2026-12-25 或 12月25日，或延长的工作日数，如 10个工作日。
casework-ask-extension-reason = 请写明申请将 { $number } 延期至 { $date } 的原因（要改日期，直接发新的日期；发送 /cancel 放弃）。
casework-extension-not-later = 延期日期须晚于现在的办理时限，请重新输入。
casework-extension-too-many-days = 一次延期最多 { $most } 个工作日（约一年）。请输入更少的工作日数，或延至的日期。
casework-extension-not-working-day = { $date } 不是工作日，请输入一个工作日。
casework-extension-pending = 该事项已有一份延期申请在等待审批。
casework-extension-decided = 这份延期申请已经审批过了。
casework-extension-withdrawn = 这份延期申请已撤回：审批前事项已办结答复或退回。
casework-extension-requested = 已提交 { $number } 的延期申请（延至 { $date }），等待审批。
casework-notify-extension-requested = ⏳ { $actor } 申请将 { $number } 延期至 { $date }。原因：{ $reason }
casework-extension-approve = ✅ 同意延期
casework-extension-refuse = ❌ 不同意
casework-ask-refusal-note = 请写明不同意 { $number } 延期的原因，或直接不写原因。
casework-refuse-without-note = 不写原因，直接不同意
casework-extension-approved = 已同意 { $number } 延期至 { $date }。
casework-extension-refused = 已不同意 { $number } 延期至 { $date }。
casework-notify-extension-approved = ⏩ { $actor } 已同意 { $number } 延期，办理时限改为 { $date }。
casework-notify-extension-refused = ✖️ { $actor } 不同意 { $number } 延期至 { $date }。原因：{ $note }

## 路线图
casework-roadmap-menu = { $number } 的路线图（未完成的节点）：
casework-roadmap-empty = { $number } 没有未完成的路线图节点。
casework-step-done-button = ✅ { $date } { $title }
casework-step-change-button = ✏️ 修改
casework-step-remove-button = 🗑 删除
casework-step-marked-done = 已将 { $number } 的路线图节点“{ $title }”标记为完成。
casework-step-removed = 已删除 { $number } 的路线图节点“{ $title }”。
casework-ask-step-change = 请发送 { $number } 路线图节点“{ $title }”（{ $date }）的新日期和内容，如“12月8日 完成现场勘查”。
casework-step-changed = 已将 { $number } 的路线图节点改为：{ $date } { $title }。
casework-step-gone = 这个路线图节点已不存在（可能已被删除）。
casework-step-already-done = 这个路线图节点已经完成。

## 附件
export-col-files = 附件
casework-files-title = { $number } 的附件（{ $count } 个）：
casework-files-none = { $number } 没有附件。
casework-file-line = { $n }. { $kind } { $name } · { $time } { $who }
casework-files-elsewhere = 另有 { $count } 个附件是通过其他渠道上传的，这里只能列出。
casework-file-kind-photo = 照片
casework-file-kind-document = 文件
casework-file-kind-voice = 语音
casework-file-kind-location = 位置

## 附件存档与导出 / the ledger's file copies and the export's zip
files-col-path = 文件
files-col-kind = 类型
files-col-name = 原文件名
files-col-sender = 发送人
files-col-time = 时间
files-col-copy = 存档
files-copy-stored = 已存档
files-copy-too-large = 超过大小上限，未存档（仅保留通讯软件中的引用）
files-copy-gone = 通讯软件中已无此文件，未能存档
files-copy-pending = 尚未存档
files-copy-none = 无需存档
files-copy-missing = 存档文件缺失
export-files-done = 已将 { $included } 个附件（共列出 { $listed } 个）打包到 { $path }
