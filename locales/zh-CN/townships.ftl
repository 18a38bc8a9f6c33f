# 单位主要负责人听取助企干部汇报（/team）与乡镇（块）
role-township = 乡镇
menus-note-township = 您可以查看本乡镇企业的事项并添加备注；事项新增、亮红牌和办结时会通知您；每周一收到本乡镇周报。
menus-help-team = /team 本部门助企干部工作情况：走访、反映问题、待确认、多久没有动态、考核排名（如 /team 上周）
menus-help-township = /township 本乡镇企业的未办结事项
bot-cmd-team = 助企干部工作情况
bot-cmd-township = 本乡镇事项
townships-import-no-township = 乡镇负责人或联络员必须填写所属乡镇
townships-scope = 乡镇：{ $name }
townships-subject = 乡镇
townships-assess-title = <b>乡镇</b>
townships-team-title = 👥 <b>{ $departments } 助企干部工作情况</b>（{ $from } 至 { $to }）
townships-team-empty = 您负责的部门目前没有助企干部。
townships-team-line = · { $name }：走访 { $visits } 次 · 反映问题 { $cases } 件 · 待与企业确认 { $pending } 件 · { $silent } · 考核排名 { $rank }
townships-team-silent = { $days ->
    [0] 今天有走访或反映
   *[other] { $days } 天没有走访或反映
}
townships-team-never = 从未走访或反映问题
townships-team-rank = 第 { $rank } 名（共 { $of } 名）
townships-no-township = 您的账号还没有所属乡镇，请联系管理员在人员名单中填写。
townships-list-title = <b>{ $township }</b> 未办结事项（{ $count }）：
townships-list-empty = 本乡镇企业目前没有未办结事项。
townships-notify-reported = 📥 <b>本乡镇企业反映了新问题</b>：{ $number }（{ $actor } 反映）
townships-weekly =
    📊 <b>乡镇助企工作周报</b>
    { $summary }
