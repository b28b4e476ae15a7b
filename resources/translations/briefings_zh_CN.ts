<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BriefingItemDialog</name>
    <message>
        <source>Item {n} of briefing No. {m}</source>
        <translation>情况通报第{m}号 第{n}项</translation>
    </message>
    <message>
        <source>New item of briefing No. {m}</source>
        <translation>情况通报第{m}号 新增通报内容</translation>
    </message>
    <message>
        <source>Only the team leader or the office records lead-like items.</source>
        <translation>线索类内容只有本组组长或巡察办可以登记。</translation>
    </message>
</context>
<context>
    <name>BriefingItemForm</name>
    <message>
        <source>Briefing item</source>
        <translation>通报内容</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>来源单位(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Content:</source>
        <translation>内容(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>问题分类(&amp;A)：</translation>
    </message>
    <message>
        <source>Lead-like (visible as leads are)</source>
        <translation>线索类（按问题线索知悉范围管理）</translation>
    </message>
    <message>
        <source>C&amp;lassification:</source>
        <translation>密级(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>BriefingRequestDialog</name>
    <message>
        <source>Briefing request No. {n}</source>
        <translation>情况通报第{n}号</translation>
    </message>
    <message>
        <source>New briefing request</source>
        <translation>新建情况通报商请函</translation>
    </message>
    <message>
        <source>Name of the body</source>
        <translation>单位名称</translation>
    </message>
</context>
<context>
    <name>BriefingRequestForm</name>
    <message>
        <source>Briefing request</source>
        <translation>情况通报商请函</translation>
    </message>
    <message>
        <source>&amp;Requested on:</source>
        <translation>发函日期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Kind of body:</source>
        <translation>单位类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>通报单位(&amp;D)：</translation>
    </message>
    <message>
        <source>Answer d&amp;ue by:</source>
        <translation>复函期限(&amp;U)：</translation>
    </message>
    <message>
        <source>A&amp;nswered on:</source>
        <translation>复函日期(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Matters asked:</source>
        <translation>商请提供的情况(&amp;M)：</translation>
    </message>
    <message>
        <source>C&amp;lassification:</source>
        <translation>密级(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>BriefingsPanel</name>
    <message>
        <source>Briefings</source>
        <translation>巡前情况通报</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>通报单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>发函日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>复函期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项数</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>New request</source>
        <translation>新建商请函</translation>
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
        <source>Add an item</source>
        <translation>登记通报内容</translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation>修改通报内容</translation>
    </message>
    <message>
        <source>Delete item</source>
        <translation>删除通报内容</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Print letter…</source>
        <translation>打印商请函…</translation>
    </message>
    <message>
        <source>Print summary…</source>
        <translation>打印通报汇总…</translation>
    </message>
    <message>
        <source>Search the answers… (Enter)</source>
        <translation>检索通报内容…（回车）</translation>
    </message>
    <message>
        <source>{n} requests, {a} answered, {i} items</source>
        <translation>共 {n} 份商请函，已复函 {a} 份，通报内容 {i} 项</translation>
    </message>
    <message>
        <source>Choose a request.</source>
        <translation>请选择一份商请函。</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>商请函</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Matters asked</source>
        <translation>商请提供的情况</translation>
    </message>
    <message>
        <source>Delete briefing No. {n} and all its items?</source>
        <translation>删除情况通报第{n}号及其全部通报内容？</translation>
    </message>
    <message>
        <source>Delete item {n} and its files?</source>
        <translation>删除第{n}项通报内容及其附件？</translation>
    </message>
    <message>
        <source>Attach a file to the item</source>
        <translation>为通报内容附加文件</translation>
    </message>
    <message>
        <source>Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>支持的文件 (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Request letter — print preview</source>
        <translation>商请提供情况的函 — 打印预览</translation>
    </message>
    <message>
        <source>Briefing summary — print preview</source>
        <translation>巡前情况通报汇总 — 打印预览</translation>
    </message>
</context>
</TS>
