<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DocumentsCopiesForm</name>
    <message>
        <source>Record copies</source>
        <translation>登记复印</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>调阅事项：</translation>
    </message>
    <message>
        <source>&amp;Copies made:</source>
        <translation>复印份数(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>日期(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. volume 2, pages 45–47</source>
        <translation>如：第2册第45—47页</translation>
    </message>
</context>
<context>
    <name>DocumentsExcerptForm</name>
    <message>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>调阅事项：</translation>
    </message>
    <message>
        <source>&amp;Passage:</source>
        <translation>摘录内容(&amp;P)：</translation>
    </message>
    <message>
        <source>Page or &amp;location:</source>
        <translation>页码或位置(&amp;L)：</translation>
    </message>
    <message>
        <source>e.g. volume 2, page 46</source>
        <translation>如：第2册 第46页</translation>
    </message>
    <message>
        <source>From &amp;reading:</source>
        <translation>所属阅读记录(&amp;R)：</translation>
    </message>
    <message>
        <source>From &amp;file:</source>
        <translation>所属电子材料(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>DocumentsHandOverForm</name>
    <message>
        <source>Hand over</source>
        <translation>转交</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>调阅事项：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>转交给(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>日期(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>DocumentsItemForm</name>
    <message>
        <source>Request item</source>
        <translation>调阅事项</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>资料类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Material:</source>
        <translation>资料名称(&amp;M)：</translation>
    </message>
    <message>
        <source>e.g. party committee minutes since 2024</source>
        <translation>如：2024年以来党委会议记录</translation>
    </message>
    <message>
        <source>&amp;Requested on:</source>
        <translation>调阅日期(&amp;R)：</translation>
    </message>
    <message>
        <source>Period &amp;from:</source>
        <translation>所属期间起(&amp;F)：</translation>
    </message>
    <message>
        <source>Period &amp;to:</source>
        <translation>所属期间止(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Planned return:</source>
        <translation>约定归还日期(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>DocumentsOverrideForm</name>
    <message>
        <source>Advance with unreturned material</source>
        <translation>带未归还资料推进阶段</translation>
    </message>
    <message>
        <source>Situation:</source>
        <translation>情况：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>批准理由(&amp;R)：</translation>
    </message>
    <message>
        <source>why the inspection may move on before everything is returned</source>
        <translation>说明为何在资料未全部归还时可以进入下一阶段</translation>
    </message>
    <message>
        <source>Next phase &amp;begins on:</source>
        <translation>下一阶段开始日期(&amp;B)：</translation>
    </message>
</context>
<context>
    <name>DocumentsPlannedReturnForm</name>
    <message>
        <source>Planned return</source>
        <translation>约定归还</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>调阅事项：</translation>
    </message>
    <message>
        <source>&amp;Planned return:</source>
        <translation>约定归还日期(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. 2026-08-31, empty to clear</source>
        <translation>如 2026-08-31；不填则取消约定</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>DocumentsReadingForm</name>
    <message>
        <source>Reading notes</source>
        <translation>阅读笔记</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>调阅事项：</translation>
    </message>
    <message>
        <source>&amp;Reviewer:</source>
        <translation>查阅人(&amp;R)：</translation>
    </message>
    <message>
        <source>Read &amp;on:</source>
        <translation>查阅日期(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>阅读笔记(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>DocumentsReceiveForm</name>
    <message>
        <source>Receive material</source>
        <translation>接收资料</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>调阅事项：</translation>
    </message>
    <message>
        <source>&amp;Received on:</source>
        <translation>接收日期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Volumes:</source>
        <translation>册数(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Pages:</source>
        <translation>页数(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Holder:</source>
        <translation>保管人(&amp;H)：</translation>
    </message>
    <message>
        <source>Planned &amp;return:</source>
        <translation>约定归还日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Handed over &amp;by:</source>
        <translation>移交人(&amp;B)：</translation>
    </message>
    <message>
        <source>the unit&apos;s office or person</source>
        <translation>被巡察单位的部门或经办人</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>DocumentsReturnForm</name>
    <message>
        <source>Return to the unit</source>
        <translation>归还资料</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>调阅事项：</translation>
    </message>
    <message>
        <source>&amp;Returned on:</source>
        <translation>归还日期(&amp;R)：</translation>
    </message>
    <message>
        <source>Received &amp;by:</source>
        <translation>归还接收人(&amp;B)：</translation>
    </message>
    <message>
        <source>the unit&apos;s office and person</source>
        <translation>被巡察单位的部门及接收人</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>ExcerptDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>New excerpt</source>
        <translation>新增摘录</translation>
    </message>
    <message>
        <source>Edit excerpt {label}</source>
        <translation>编辑{label}</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <source>(back to the team&apos;s file store)</source>
        <translation>（交回组内存放）</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>New request item</source>
        <translation>新增调阅事项</translation>
    </message>
    <message>
        <source>Edit request item</source>
        <translation>编辑调阅事项</translation>
    </message>
</context>
<context>
    <name>MaterialViewer</name>
    <message>
        <source>View material: {name}</source>
        <translation>查看电子材料：{name}</translation>
    </message>
    <message>
        <source>{kind}, {size}. SHA-256: {sha}</source>
        <translation>{kind}，{size}。SHA-256 校验值：{sha}</translation>
    </message>
    <message>
        <source>This image cannot be shown.</source>
        <translation>无法显示该图片。</translation>
    </message>
    <message>
        <source>(this file has no text layer to show)</source>
        <translation>（该文件没有可显示的文字）</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>{n} item(s) are still in the team&apos;s custody. Moving from “{a}” to “{b}” needs the team leader&apos;s approval; the reason is recorded and audited.</source>
        <translation>尚有 {n} 件调阅资料未归还。从“{a}”进入“{b}”须经组长批准；批准理由将被记录并审计。</translation>
    </message>
</context>
<context>
    <name>ReadingDialog</name>
    <message>
        <source>New reading notes</source>
        <translation>新增阅读笔记</translation>
    </message>
    <message>
        <source>Edit reading notes</source>
        <translation>编辑阅读笔记</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>(kept in the team&apos;s file store)</source>
        <translation>（组内存放，不指定个人）</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Document review</source>
        <translation>调阅资料</translation>
    </message>
    <message>
        <source>{n} vol.</source>
        <translation>{n}册</translation>
    </message>
    <message>
        <source>{n} p.</source>
        <translation>{n}页</translation>
    </message>
    <message>
        <source>team file store</source>
        <translation>组内存放</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>资料名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>所属期间</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>调阅日期</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Volumes / pages</source>
        <translation>册数/页数</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>保管人</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>复印份数</translation>
    </message>
    <message>
        <source>Planned return</source>
        <translation>约定归还</translation>
    </message>
    <message>
        <source>Returned (to whom)</source>
        <translation>归还（接收人）</translation>
    </message>
    <message>
        <source>Held past the planned return date ({date}).</source>
        <translation>已超过约定归还日期（{date}）仍未归还。</translation>
    </message>
    <message>
        <source>Requested on {date}; not yet provided by the unit.</source>
        <translation>{date}提出调阅，被巡察单位尚未提供。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>From / to</source>
        <translation>移交人/接收人</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Read on</source>
        <translation>查阅日期</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>查阅人</translation>
    </message>
    <message>
        <source>Excerpts</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>阅读笔记</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>Page / location</source>
        <translation>页码/位置</translation>
    </message>
    <message>
        <source>Taken from</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>摘录内容</translation>
    </message>
    <message>
        <source>{n} page(s)</source>
        <translation>{n}页</translation>
    </message>
    <message>
        <source>, no text layer</source>
        <translation>，无文字层</translation>
    </message>
    <message>
        <source>{n} sheet(s)</source>
        <translation>{n}个工作表</translation>
    </message>
    <message>
        <source>{n} paragraph(s)</source>
        <translation>{n}段</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256校验值</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Request list — print preview</source>
        <translation>调阅资料清单 — 打印预览</translation>
    </message>
    <message>
        <source>request-list.pdf</source>
        <translation>调阅资料清单.pdf</translation>
    </message>
    <message>
        <source>Return receipt of {date} — print preview</source>
        <translation>{date}调阅资料归还单 — 打印预览</translation>
    </message>
    <message>
        <source>return-receipt-{date}.pdf</source>
        <translation>调阅资料归还单-{date}.pdf</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Advance with unreturned material (leader&apos;s approval)…</source>
        <translation>申请带未归还资料推进（组长批准）…</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>新增事项</translation>
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
        <source>Receive…</source>
        <translation>接收…</translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation>转交…</translation>
    </message>
    <message>
        <source>Copies…</source>
        <translation>登记复印…</translation>
    </message>
    <message>
        <source>Planned return…</source>
        <translation>约定归还日期…</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>归还…</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <source>Print request list…</source>
        <translation>打印调阅清单…</translation>
    </message>
    <message>
        <source>Print return receipt…</source>
        <translation>打印归还单…</translation>
    </message>
    <message>
        <source>Only items not yet returned</source>
        <translation>只看未归还</translation>
    </message>
    <message>
        <source>Filter the list…</source>
        <translation>筛选清单…</translation>
    </message>
    <message>
        <source>Choose an item in the request list.</source>
        <translation>请在调阅清单中选择一项资料。</translation>
    </message>
    <message>
        <source>Custody history</source>
        <translation>保管记录</translation>
    </message>
    <message>
        <source>Add notes…</source>
        <translation>添加笔记…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Reading notes</source>
        <translation>阅读笔记</translation>
    </message>
    <message>
        <source>Add excerpt…</source>
        <translation>添加摘录…</translation>
    </message>
    <message>
        <source>Excerpts</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Electronic material</source>
        <translation>电子材料</translation>
    </message>
    <message>
        <source>Full-text search</source>
        <translation>全文检索</translation>
    </message>
    <message>
        <source>{total} item(s): {counts}</source>
        <translation>共 {total} 项：{counts}</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00000;&apos;&gt;— {n} overdue&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b00000;&apos;&gt;— {n} 项逾期未还&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{n} item(s) are still in the team&apos;s custody: the inspection cannot leave “{phase}” until they are returned, unless the team leader approves an exception.</source>
        <translation>尚有 {n} 件调阅资料在巡察组保管、未归还：归还前不能结束“{phase}”阶段，除非组长批准例外。</translation>
    </message>
    <message>
        <source>Only the team leader can approve it.</source>
        <translation>只有本组组长可以批准。</translation>
    </message>
    <message>
        <source>Returned on {date} ({n} item(s))</source>
        <translation>{date}归还（{n} 项）</translation>
    </message>
    <message>
        <source>{a} custody event(s), {b} reading(s), {c} excerpt(s), {d} file(s)</source>
        <translation>保管记录 {a} 条，阅读笔记 {b} 条，摘录 {c} 条，电子材料 {d} 个</translation>
    </message>
    <message>
        <source>Delete item {n} “{title}” from the request list?</source>
        <translation>从调阅清单中删除第 {n} 项“{title}”？</translation>
    </message>
    <message>
        <source>Delete the reading notes of {name} on {date}?</source>
        <translation>删除{name}于{date}的阅读笔记？</translation>
    </message>
    <message>
        <source>Delete {label}? Its number is not used again.</source>
        <translation>删除{label}？其编号不再使用。</translation>
    </message>
    <message>
        <source>Import electronic material</source>
        <translation>导入电子材料</translation>
    </message>
    <message>
        <source>Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>可导入的文件 (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {n} file(s) into item {number}…</source>
        <translation>正在向第 {number} 项导入 {n} 个文件…</translation>
    </message>
    <message>
        <source>{n} file(s) imported.</source>
        <translation>已导入 {n} 个文件。</translation>
    </message>
    <message>
        <source>Cancelled: {n} file(s) were not imported.</source>
        <translation>已取消：{n} 个文件未导入。</translation>
    </message>
    <message>
        <source>Refused, nothing of them was kept:</source>
        <translation>以下文件被拒绝，未保留任何内容：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Delete the imported file “{name}” and its text?</source>
        <translation>删除已导入的文件“{name}”及其文字？</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Words to find (two characters or more; several words must all occur)</source>
        <translation>要检索的词（每个词至少两个字；多个词以空格分隔，须同时出现）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>没有找到。</translation>
    </message>
    <message>
        <source>{n} hit(s).</source>
        <translation>找到 {n} 处。</translation>
    </message>
    <message>
        <source>{label}, {location}, {count} occurrence(s)</source>
        <translation>{label}，{location}，共出现 {count} 次</translation>
    </message>
</context>
</TS>
