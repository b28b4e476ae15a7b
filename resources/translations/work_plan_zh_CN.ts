<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>WorkPlanDialog</name>
    <message>
        <source>Work plan — new version after version {n}</source>
        <translation>巡察工作方案 — 在第{n}版基础上形成新版本</translation>
    </message>
    <message>
        <source>Work plan — first version</source>
        <translation>巡察工作方案 — 第一版</translation>
    </message>
    <message>
        <source>Blank: &lt;team&gt; inspects &lt;unit&gt; — work plan</source>
        <translation>留空：××巡察组巡察××党组织工作方案</translation>
    </message>
    <message>
        <source>Blank: the team</source>
        <translation>留空：本巡察组</translation>
    </message>
    <message>
        <source>One focus a line; choose a preset above to add it</source>
        <translation>每行一项；可从上方预设中选择添加</translation>
    </message>
    <message>
        <source>One phase a line: phase, start date, end date, tasks</source>
        <translation>每行一个阶段：阶段名称，开始日期，结束日期，工作内容</translation>
    </message>
    <message>
        <source>One group a line: name: leader、member；duties</source>
        <translation>每行一个小组：组名：组长、成员；职责</translation>
    </message>
    <message>
        <source>Add a preset focus…</source>
        <translation>添加预设巡察重点…</translation>
    </message>
</context>
<context>
    <name>WorkPlanForm</name>
    <message>
        <source>Work plan</source>
        <translation>巡察工作方案</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>方案标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Dated:</source>
        <translation>成文日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation>发文机关(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Aims:</source>
        <translation>巡察目的(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Preset focus:</source>
        <translation>预设重点(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Focus:</source>
        <translation>巡察重点(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Schedule:</source>
        <translation>时间安排(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Groups:</source>
        <translation>组织分工(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Requirements:</source>
        <translation>工作要求(&amp;R)：</translation>
    </message>
    <message>
        <source>C&amp;lassification:</source>
        <translation>密级(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>WorkPlanPanel</name>
    <message>
        <source>Work plan</source>
        <translation>巡察工作方案</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>成文日期</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>工作小组</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>保存人</translation>
    </message>
    <message>
        <source>Saved at</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>New version…</source>
        <translation>新版本…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>{n} versions; the latest is version {v}</source>
        <translation>共 {n} 个版本，最新为第{v}版</translation>
    </message>
    <message>
        <source>No work plan yet: New version… drafts the first.</source>
        <translation>尚未制定巡察工作方案：点击“新版本…”起草第一版。</translation>
    </message>
    <message>
        <source>Choose a version.</source>
        <translation>请选择一个版本。</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Aims</source>
        <translation>巡察目的</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>巡察重点</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>时间安排</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>工作要求</translation>
    </message>
    <message>
        <source>Work plan — print preview</source>
        <translation>巡察工作方案 — 打印预览</translation>
    </message>
</context>
</TS>
