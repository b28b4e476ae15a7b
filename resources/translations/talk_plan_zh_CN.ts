<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlanLineDialog</name>
    <message>
        <source>Talk plan No. {n}</source>
        <translation>谈话计划 第{n}号</translation>
    </message>
    <message>
        <source>Add to the talk plan</source>
        <translation>增加谈话对象</translation>
    </message>
</context>
<context>
    <name>TalkPlanLineForm</name>
    <message>
        <source>Talk plan line</source>
        <translation>谈话对象</translation>
    </message>
    <message>
        <source>&amp;Must talk (leadership, heads of departments)</source>
        <translation>必谈(&amp;M)（班子成员、内设机构负责人等）</translation>
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
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>人员类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Interviewers:</source>
        <translation>谈话人(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>计划时间(&amp;T)：</translation>
    </message>
    <message>
        <source>P&amp;lace:</source>
        <translation>谈话地点(&amp;L)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>TalkPlanPanel</name>
    <message>
        <source>Talk plan</source>
        <translation>谈话计划</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>增加谈话对象</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Propose must-talk from the leadership</source>
        <translation>按班子名单生成必谈</translation>
    </message>
    <message>
        <source>Start the talk record</source>
        <translation>开始谈话记录</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印谈话通知…</translation>
    </message>
    <message>
        <source>Notices of the day…</source>
        <translation>打印当日谈话通知…</translation>
    </message>
    <message>
        <source>Print plan…</source>
        <translation>打印谈话计划…</translation>
    </message>
    <message>
        <source>{n} people ({m} must-talk): {d} done, {p} planned, {v} moved, {x} missing</source>
        <translation>计划谈话 {n} 人（必谈 {m} 人）：已谈 {d} 人，待谈 {p} 人，已改期 {v} 人，未谈 {x} 人</translation>
    </message>
    <message>
        <source>Choose a person of the plan.</source>
        <translation>请选择一名谈话对象。</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>谈话对象</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <source>Time and place</source>
        <translation>时间地点</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>被谈话人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>单位及职务</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Talk records</source>
        <translation>谈话记录</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>First planned</source>
        <translation>原定时间</translation>
    </message>
    <message>
        <source>Remove {name} from the talk plan?</source>
        <translation>将{name}从谈话计划中删除？</translation>
    </message>
    <message>
        <source>{n} members of the leadership added as must-talk.</source>
        <translation>已将 {n} 名班子成员列为必谈对象。</translation>
    </message>
    <message>
        <source>Every member of the leadership is already in the plan.</source>
        <translation>班子成员均已列入谈话计划。</translation>
    </message>
    <message>
        <source>Talk plan — print preview</source>
        <translation>谈话计划 — 打印预览</translation>
    </message>
    <message>
        <source>Talk notices — print preview</source>
        <translation>谈话通知 — 打印预览</translation>
    </message>
</context>
</TS>
