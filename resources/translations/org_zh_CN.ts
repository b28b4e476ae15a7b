<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CoverageView</name>
    <message>
        <source>Uncovered only</source>
        <translation>只看未覆盖</translation>
    </message>
    <message>
        <source>Find a unit (Ctrl+F)</source>
        <translation>查找单位（Ctrl+F）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <source>Rounds that inspected it</source>
        <translation>巡察轮次</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>届次：</translation>
    </message>
    <message>
        <source>No term yet.</source>
        <translation>尚无届次。</translation>
    </message>
    <message>
        <source>Covered {n}/{m} units ({percent:.0f}%)</source>
        <translation>覆盖 {n}/{m} 个单位（{percent:.0f}%）</translation>
    </message>
    <message>
        <source> — {k} not yet covered</source>
        <translation> —— {k} 个单位尚未覆盖</translation>
    </message>
    <message>
        <source>covered, looked back</source>
        <translation>已覆盖，已回头看</translation>
    </message>
    <message>
        <source>covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <source>look-back only</source>
        <translation>仅回头看</translation>
    </message>
    <message>
        <source>NOT COVERED</source>
        <translation>未覆盖</translation>
    </message>
    <message>
        <source>Not inspected in any round of this term</source>
        <translation>本届各轮均未巡察该单位</translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Top leader</source>
        <translation>一把手</translation>
    </message>
    <message>
        <source>★ top leader</source>
        <translation>★ 一把手</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Leadership</source>
        <translation>领导班子</translation>
    </message>
    <message>
        <source>Find a unit (Ctrl+F)</source>
        <translation>查找单位（Ctrl+F）</translation>
    </message>
    <message>
        <source>New unit…</source>
        <translation>新建单位…</translation>
    </message>
    <message>
        <source>Edit unit…</source>
        <translation>编辑单位…</translation>
    </message>
    <message>
        <source>Delete unit</source>
        <translation>删除单位</translation>
    </message>
    <message>
        <source>Add leadership member…</source>
        <translation>添加班子成员…</translation>
    </message>
    <message>
        <source>Edit member…</source>
        <translation>编辑班子成员…</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>删除班子成员</translation>
    </message>
    <message>
        <source>No unit matches “{text}”.</source>
        <translation>没有与“{text}”相符的单位</translation>
    </message>
    <message>
        <source>Clear the search field to see every unit.</source>
        <translation>清空查找框，即可看到全部单位。</translation>
    </message>
    <message>
        <source>No units yet.</source>
        <translation>还没有单位</translation>
    </message>
    <message>
        <source>Press New unit… to add the first unit to be inspected.</source>
        <translation>按“新建单位…”登记第一个被巡察单位。</translation>
    </message>
    <message>
        <source>No units to show.</source>
        <translation>没有可显示的单位</translation>
    </message>
    <message>
        <source>You see the units your own inspections cover; none is assigned to you yet.</source>
        <translation>您只能看到本人参加的巡察所涉及的单位；目前还没有分配给您的巡察。</translation>
    </message>
    <message>
        <source>No unit selected.</source>
        <translation>尚未选择单位</translation>
    </message>
    <message>
        <source>Choose a unit in the list to see its leadership.</source>
        <translation>在左侧列表中选择一个单位，即可看到其领导班子。</translation>
    </message>
    <message>
        <source>Press Add leadership member… to record one.</source>
        <translation>按“添加班子成员…”登记。</translation>
    </message>
    <message>
        <source>The inspection office records the leadership.</source>
        <translation>领导班子由巡察办登记。</translation>
    </message>
    <message>
        <source>No leadership recorded for {unit}.</source>
        <translation>{unit}尚未登记领导班子成员</translation>
    </message>
    <message>
        <source>Leadership of {unit}</source>
        <translation>{unit} 领导班子</translation>
    </message>
    <message>
        <source>Delete the unit “{name}” and its leadership list?</source>
        <translation>删除单位“{name}”及其领导班子名单？</translation>
    </message>
    <message>
        <source>Remove {name} from the unit&apos;s leadership?</source>
        <translation>将 {name} 从该单位领导班子中删除？</translation>
    </message>
</context>
<context>
    <name>InspectionDialog</name>
    <message>
        <source>Edit inspection</source>
        <translation>编辑巡察</translation>
    </message>
    <message>
        <source>New inspection</source>
        <translation>新建巡察</translation>
    </message>
    <message>
        <source>(choose a unit)</source>
        <translation>（请选择单位）</translation>
    </message>
    <message>
        <source>(no batch)</source>
        <translation>（不分批次）</translation>
    </message>
</context>
<context>
    <name>InspectionView</name>
    <message>
        <source>Unit:</source>
        <translation>被巡察单位：</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>巡察组：</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Phase:</source>
        <translation>当前阶段：</translation>
    </message>
    <message>
        <source>Liaison:</source>
        <translation>联络员：</translation>
    </message>
    <message>
        <source>Team leader:</source>
        <translation>组长：</translation>
    </message>
    <message>
        <source>Advance phase…</source>
        <translation>推进到下一阶段…</translation>
    </message>
    <message>
        <source>Go back one phase…</source>
        <translation>退回上一阶段…</translation>
    </message>
    <message>
        <source>Liaison…</source>
        <translation>联络员…</translation>
    </message>
    <message>
        <source>Only the office or this team&apos;s leader can change the phase.</source>
        <translation>只有巡察办或本组组长可以调整巡察阶段。</translation>
    </message>
    <message>
        <source>Show the inspection&apos;s details and phases</source>
        <translation>展开巡察详情和阶段</translation>
    </message>
    <message>
        <source>Fold the details away to leave the room to the work below</source>
        <translation>收起详情，把空间留给下方的工作区</translation>
    </message>
    <message>
        <source>{phase} (since {date})</source>
        <translation>{phase}（{date} 起）</translation>
    </message>
    <message>
        <source>not yet named</source>
        <translation>尚未确定</translation>
    </message>
    <message>
        <source>not yet appointed</source>
        <translation>尚未任命</translation>
    </message>
    <message>
        <source>Phase history</source>
        <translation>阶段记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原阶段</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新阶段</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Reason for going back</source>
        <translation>退回理由</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>推进</translation>
    </message>
    <message>
        <source>back</source>
        <translation>退回</translation>
    </message>
</context>
<context>
    <name>NavModel</name>
    <message>
        <source>{unit} — {team}, phase: {phase}</source>
        <translation>{unit} —— {team}，阶段：{phase}</translation>
    </message>
    <message>
        <source>{team} (leader: {leader})</source>
        <translation>{team}（组长：{leader}）</translation>
    </message>
</context>
<context>
    <name>Org</name>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
</context>
<context>
    <name>OrgInspectionForm</name>
    <message>
        <source>Inspection</source>
        <translation>巡察</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>巡察组(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>被巡察单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation>批次(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Liaison:</source>
        <translation>联络员(&amp;L)：</translation>
    </message>
    <message>
        <source>Liaison &amp;phone:</source>
        <translation>联络员电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Preparation &amp;began on:</source>
        <translation>巡前准备开始日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Override &amp;reason:</source>
        <translation>回避例外理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Only when a recusal must be overridden: why the office approves it</source>
        <translation>仅在须批准回避例外时填写：巡察办批准的理由</translation>
    </message>
</context>
<context>
    <name>OrgLiaisonForm</name>
    <message>
        <source>Liaison</source>
        <translation>联络员</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>OrgPersonForm</name>
    <message>
        <source>Leadership member</source>
        <translation>领导班子成员</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Position:</source>
        <translation>职务(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. party secretary</source>
        <translation>如：党委书记</translation>
    </message>
    <message>
        <source>&amp;Top leader of the unit</source>
        <translation>本单位一把手(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>排序(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>OrgPhaseForm</name>
    <message>
        <source>Change phase</source>
        <translation>调整阶段</translation>
    </message>
    <message>
        <source>Phase &amp;begins on:</source>
        <translation>阶段开始日期(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Reason for going back:</source>
        <translation>退回理由(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>OrgRecusalForm</name>
    <message>
        <source>Recusal declaration</source>
        <translation>回避申报</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>事由(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. worked in this unit until 2024</source>
        <translation>如：2024 年前在该单位任职</translation>
    </message>
</context>
<context>
    <name>OrgRoundForm</name>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>届次：</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>序号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>Starts &amp;on:</source>
        <translation>开始日期(&amp;O)：</translation>
    </message>
    <message>
        <source>optional, e.g. 2026-08-31</source>
        <translation>可不填，如 2026-08-31</translation>
    </message>
    <message>
        <source>&amp;Ends on:</source>
        <translation>结束日期(&amp;E)：</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>&amp;Add batch</source>
        <translation>添加批次(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move batch</source>
        <translation>删除批次(&amp;M)</translation>
    </message>
</context>
<context>
    <name>OrgStaffForm</name>
    <message>
        <source>Staff pool entry</source>
        <translation>人员库条目</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Post:</source>
        <translation>职务(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Expertise:</source>
        <translation>专长(&amp;E)：</translation>
    </message>
    <message>
        <source>e.g. finance, cadre selection</source>
        <translation>如：财务、选人用人</translation>
    </message>
</context>
<context>
    <name>OrgTeamForm</name>
    <message>
        <source>Team</source>
        <translation>巡察组</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>组名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Save name</source>
        <translation>保存名称(&amp;S)</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>组成人员</translation>
    </message>
    <message>
        <source>&amp;Add to team</source>
        <translation>加入本组(&amp;A)</translation>
    </message>
    <message>
        <source>Set &amp;position</source>
        <translation>设置组内职务(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移出本组(&amp;M)</translation>
    </message>
    <message>
        <source>Override &amp;reason:</source>
        <translation>回避例外理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Only when a recusal must be overridden: why the office approves it</source>
        <translation>仅在须批准回避例外时填写：巡察办批准的理由</translation>
    </message>
</context>
<context>
    <name>OrgTermForm</name>
    <message>
        <source>Term</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>届次名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. 9th term of the municipal committee</source>
        <translation>如：中共某市委第九届</translation>
    </message>
    <message>
        <source>&amp;Starts on:</source>
        <translation>开始日期(&amp;S)：</translation>
    </message>
    <message>
        <source>optional, e.g. 2026-08-31</source>
        <translation>可不填，如 2026-08-31</translation>
    </message>
    <message>
        <source>&amp;Ends on:</source>
        <translation>结束日期(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>OrgUnitForm</name>
    <message>
        <source>Unit</source>
        <translation>被巡察单位</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>单位名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Parent unit:</source>
        <translation>上级单位(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>OrgWorkspace</name>
    <message>
        <source>Find a unit or team (Ctrl+F)</source>
        <translation>查找单位或巡察组（Ctrl+F）</translation>
    </message>
    <message>
        <source>Inspection work</source>
        <translation>巡察工作</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>全覆盖</translation>
    </message>
    <message>
        <source>Unit directory</source>
        <translation>单位名录</translation>
    </message>
    <message>
        <source>Staff pool</source>
        <translation>人员库</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>New term…</source>
        <translation>新建届次…</translation>
    </message>
    <message>
        <source>New round…</source>
        <translation>新建轮次…</translation>
    </message>
    <message>
        <source>New team…</source>
        <translation>新建巡察组…</translation>
    </message>
    <message>
        <source>New inspection…</source>
        <translation>新建巡察…</translation>
    </message>
    <message>
        <source>Choose a term, round, team or inspection on the left.</source>
        <translation>请在左侧选择届次、轮次、巡察组或巡察项目。</translation>
    </message>
    <message>
        <source>New (Ctrl+N) creates a term, or a record under the selected one.</source>
        <translation>“新建”（Ctrl+N）可新建届次，或在所选项目下新建下级记录。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>not yet appointed</source>
        <translation>尚未任命</translation>
    </message>
    <message>
        <source>People on the team</source>
        <translation>组内人数</translation>
    </message>
    <message>
        <source>Below it</source>
        <translation>下级项目数</translation>
    </message>
    <message>
        <source>Select an inspection to see its work.</source>
        <translation>选择一项巡察即可查看其工作内容。</translation>
    </message>
    <message>
        <source>F2 edits, Del deletes, Ctrl+N creates below it.</source>
        <translation>F2 编辑，Del 删除，Ctrl+N 在其下新建。</translation>
    </message>
    <message>
        <source>Select the term the round belongs to.</source>
        <translation>请先选择轮次所属的届次。</translation>
    </message>
    <message>
        <source>Select the round the team belongs to.</source>
        <translation>请先选择巡察组所属的轮次。</translation>
    </message>
    <message>
        <source>Select the round (or one of its teams) first.</source>
        <translation>请先选择轮次（或其下的巡察组）。</translation>
    </message>
    <message>
        <source>Delete the term “{name}”?</source>
        <translation>删除届次“{name}”？</translation>
    </message>
    <message>
        <source>Delete {name} and its batches?</source>
        <translation>删除{name}及其批次？</translation>
    </message>
    <message>
        <source>Delete {name} and its member list?</source>
        <translation>删除{name}及其人员名单？</translation>
    </message>
    <message>
        <source>Delete the inspection of {name}?</source>
        <translation>删除对{name}的巡察？</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>不能删除</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit leadership member</source>
        <translation>编辑领导班子成员</translation>
    </message>
    <message>
        <source>New leadership member</source>
        <translation>新增领导班子成员</translation>
    </message>
</context>
<context>
    <name>PhaseDialog</name>
    <message>
        <source>Advance phase</source>
        <translation>推进阶段</translation>
    </message>
    <message>
        <source>Move from “{a}” to “{b}”.</source>
        <translation>由“{a}”推进到“{b}”。</translation>
    </message>
    <message>
        <source>Go back one phase</source>
        <translation>退回上一阶段</translation>
    </message>
    <message>
        <source>Go back from “{a}” to “{b}”. The reason is recorded and audited.</source>
        <translation>由“{a}”退回到“{b}”。退回理由将被记录并审计。</translation>
    </message>
    <message>
        <source>There is no phase to move to.</source>
        <translation>没有可调整到的阶段。</translation>
    </message>
</context>
<context>
    <name>RecusalDialog</name>
    <message>
        <source>Edit recusal declaration</source>
        <translation>编辑回避申报</translation>
    </message>
    <message>
        <source>Declare a recusal</source>
        <translation>申报回避</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Batch number</source>
        <translation>批次序号</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Edit round</source>
        <translation>编辑轮次</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>新建轮次</translation>
    </message>
    <message>
        <source>Row {row}: the batch number must be a whole number.</source>
        <translation>第 {row} 行：批次序号须为整数。</translation>
    </message>
    <message>
        <source>starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Row {row}, {what}</source>
        <translation>第 {row} 行的{what}</translation>
    </message>
    <message>
        <source>Batch {number}: {message}</source>
        <translation>第 {number} 批：{message}</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Edit staff pool entry</source>
        <translation>编辑人员库条目</translation>
    </message>
    <message>
        <source>Add to staff pool</source>
        <translation>加入人员库</translation>
    </message>
    <message>
        <source>Every team account is already in the pool.</source>
        <translation>所有巡察组账号都已在人员库中。</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Expertise</source>
        <translation>专长</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>Recusal declarations</source>
        <translation>回避申报</translation>
    </message>
    <message>
        <source>Find a person (Ctrl+F)</source>
        <translation>查找人员（Ctrl+F）</translation>
    </message>
    <message>
        <source>Add to pool…</source>
        <translation>加入人员库…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove from pool</source>
        <translation>移出人员库</translation>
    </message>
    <message>
        <source>Declare recusal…</source>
        <translation>申报回避…</translation>
    </message>
    <message>
        <source>Edit recusal…</source>
        <translation>编辑回避申报…</translation>
    </message>
    <message>
        <source>Withdraw recusal</source>
        <translation>撤回回避申报</translation>
    </message>
    <message>
        <source>No one selected.</source>
        <translation>尚未选择人员</translation>
    </message>
    <message>
        <source>Choose a person in the staff pool to see their declarations.</source>
        <translation>在人员库中选择一人，即可看到其回避申报。</translation>
    </message>
    <message>
        <source>{name} has declared no recusal.</source>
        <translation>{name}没有申报回避</translation>
    </message>
    <message>
        <source>Press Declare recusal… to record one.</source>
        <translation>如需申报，按“申报回避…”登记。</translation>
    </message>
    <message>
        <source>Recusal declarations of {name}</source>
        <translation>{name} 的回避申报</translation>
    </message>
    <message>
        <source>Remove {name} from the staff pool?</source>
        <translation>将 {name} 移出人员库？</translation>
    </message>
    <message>
        <source>Withdraw the recusal declaration for {unit}?</source>
        <translation>撤回对{unit}的回避申报？</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Recusal</source>
        <translation>回避</translation>
    </message>
    <message>
        <source>Edit team</source>
        <translation>编辑巡察组</translation>
    </message>
    <message>
        <source>New team</source>
        <translation>新建巡察组</translation>
    </message>
    <message>
        <source>Recusal conflicts without an approved exception: {names}</source>
        <translation>存在未经批准例外的回避冲突：{names}</translation>
    </message>
    <message>
        <source>Sign-off chain of the working papers</source>
        <translation>底稿审签流程</translation>
    </message>
    <message>
        <source>Three steps: drafter → deputy reviews → leader signs → team meeting</source>
        <translation>三步：承办人提交 → 副组长审核 → 组长审签 → 组务会审定</translation>
    </message>
    <message>
        <source>Two steps: drafter → leader signs → team meeting</source>
        <translation>两步：承办人提交 → 组长审签 → 组务会审定</translation>
    </message>
    <message>
        <source>Set the chain</source>
        <translation>设定流程</translation>
    </message>
    <message>
        <source>three steps (with the deputy&apos;s review)</source>
        <translation>三步（含副组长审核）</translation>
    </message>
    <message>
        <source>two steps</source>
        <translation>两步</translation>
    </message>
    <message>
        <source>Set by the office: {steps}.</source>
        <translation>巡察办已设定：{steps}。</translation>
    </message>
    <message>
        <source>Not set: by the team&apos;s members, {steps} (a team with a deputy uses three).</source>
        <translation>尚未设定：按本组成员确定，目前为{steps}；有副组长的组用三步。</translation>
    </message>
    <message>
        <source>Declared a tie to a unit of this team</source>
        <translation>已申报与本组巡察单位有关联</translation>
    </message>
    <message>
        <source>Choose a person from the staff pool.</source>
        <translation>请从人员库中选择人员。</translation>
    </message>
    <message>
        <source>Select a member first.</source>
        <translation>请先选择一名组员。</translation>
    </message>
</context>
<context>
    <name>TermDialog</name>
    <message>
        <source>Edit term</source>
        <translation>编辑届次</translation>
    </message>
    <message>
        <source>New term</source>
        <translation>新建届次</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Edit unit</source>
        <translation>编辑单位</translation>
    </message>
    <message>
        <source>New unit</source>
        <translation>新建单位</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
</TS>
