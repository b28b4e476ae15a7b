<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddendumDialog</name>
    <message>
        <source>Addendum to %1</source>
        <translation>补充说明：%1</translation>
    </message>
</context>
<context>
    <name>QABlock</name>
    <message>
        <source>Q:</source>
        <translation>问：</translation>
    </message>
    <message>
        <source>A:</source>
        <translation>答：</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>第 %1 问</translation>
    </message>
</context>
<context>
    <name>ReadOnlyIssueDialog</name>
    <message>
        <source>(not numbered)</source>
        <translation>（未编号）</translation>
    </message>
    <message>
        <source>Opened from a talk record: read-only. Changes are made in the register.</source>
        <translation>从谈话记录打开：只读。如需修改，请在问题台账中办理。</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Signed: %1</source>
        <translation>签字确认：%1</translation>
    </message>
    <message>
        <source>Scan of the signed pages</source>
        <translation>签字页扫描件</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>The scan is larger than %1 MB.</source>
        <translation>扫描件超过 %1 MB。</translation>
    </message>
</context>
<context>
    <name>TalkAddendumForm</name>
    <message>
        <source>Addendum</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <source>The signed record stays as signed. The addendum is appended with its date and your name, and recorded in the audit trail.</source>
        <translation>已签字的记录保持原样。补充说明连同日期和您的姓名附在记录之后，并记入审计日志。</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>内容(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>TalkEditor</name>
    <message>
        <source>Leave full-window writing (Esc)</source>
        <translation>退出全屏书写（Esc）</translation>
    </message>
    <message>
        <source>Full-window &amp;writing</source>
        <translation>全屏书写(&amp;W)</translation>
    </message>
    <message>
        <source>Unsaved input from earlier was restored. Save it, or close the talk to keep it as a draft.</source>
        <translation>已恢复此前未保存的输入。请保存；若不保存，它仍作为草稿保留。</translation>
    </message>
    <message>
        <source>New talk (numbered when saved)</source>
        <translation>新谈话（保存后编号）</translation>
    </message>
    <message>
        <source>Signed by the interviewee on %1.</source>
        <translation>被谈话人已于 %1 签字确认。</translation>
    </message>
    <message>
        <source>This record is signed and locked. Corrections are added as dated addenda.</source>
        <translation>该记录已签字并锁定。如需更正，请添加注明日期的补充说明。</translation>
    </message>
    <message>
        <source>Not signed yet.</source>
        <translation>尚未签字。</translation>
    </message>
    <message>
        <source>A scan of the signed pages is kept (encrypted).</source>
        <translation>已保存签字页扫描件（加密存储）。</translation>
    </message>
    <message>
        <source>No scan of the signed pages.</source>
        <translation>没有签字页扫描件。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Double-click to open the issue (read-only)</source>
        <translation>双击打开该问题（只读）</translation>
    </message>
    <message>
        <source>(no issue cites this talk yet)</source>
        <translation>（尚无问题引用本次谈话）</translation>
    </message>
    <message>
        <source>(listed once the talk is saved)</source>
        <translation>（保存谈话后显示）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Marked recorded: the interviewee can now read and sign it.</source>
        <translation>已标记为已记录，可交被谈话人阅读签字。</translation>
    </message>
    <message>
        <source>Back to draft.</source>
        <translation>已退回草稿。</translation>
    </message>
    <message>
        <source>Scan of the signed pages</source>
        <translation>签字页扫描件</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>The scan is attached (stored encrypted).</source>
        <translation>扫描件已附上（加密存储）。</translation>
    </message>
</context>
<context>
    <name>TalkEditorForm</name>
    <message>
        <source>Talk</source>
        <translation>谈话</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the talk (Ctrl+S)</source>
        <translation>保存谈话记录（Ctrl+S）</translation>
    </message>
    <message>
        <source>Mark &amp;recorded</source>
        <translation>标记为已记录(&amp;R)</translation>
    </message>
    <message>
        <source>The record is complete and goes to the interviewee to read and sign</source>
        <translation>记录已完成，交被谈话人阅读并签字</translation>
    </message>
    <message>
        <source>Back to &amp;draft</source>
        <translation>退回草稿(&amp;D)</translation>
    </message>
    <message>
        <source>Si&amp;gned…</source>
        <translation>签字确认(&amp;G)…</translation>
    </message>
    <message>
        <source>The interviewee has read and signed every page</source>
        <translation>被谈话人已阅读并在每页签字</translation>
    </message>
    <message>
        <source>Attach s&amp;can…</source>
        <translation>附扫描件(&amp;C)…</translation>
    </message>
    <message>
        <source>Attach a scan of the signed pages (stored encrypted)</source>
        <translation>附上签字页扫描件（加密存储）</translation>
    </message>
    <message>
        <source>&amp;Addendum…</source>
        <translation>补充说明(&amp;A)…</translation>
    </message>
    <message>
        <source>Append a dated correction to the signed record</source>
        <translation>在已签字的记录后附加注明日期的更正</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>Print preview (Ctrl+P)</source>
        <translation>打印预览（Ctrl+P）</translation>
    </message>
    <message>
        <source>&amp;1 Details</source>
        <translation>&amp;1 基本信息</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <source>End:</source>
        <translation>结束时间：</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>谈话地点：</translation>
    </message>
    <message>
        <source>Interviewee:</source>
        <translation>被谈话人：</translation>
    </message>
    <message>
        <source>Choose from the unit&apos;s leadership, or type a name</source>
        <translation>从被巡察单位领导班子中选择，或直接输入姓名</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>职务：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>人员类别：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>谈话类型：</translation>
    </message>
    <message>
        <source>Interviewers:</source>
        <translation>谈话人：</translation>
    </message>
    <message>
        <source>At least two members of the team; Space ticks</source>
        <translation>至少两名巡察组成员；按空格键勾选</translation>
    </message>
    <message>
        <source>Recorder:</source>
        <translation>记录人：</translation>
    </message>
    <message>
        <source>Classification:</source>
        <translation>密级：</translation>
    </message>
    <message>
        <source>Protection period:</source>
        <translation>保密期限：</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>not marked</source>
        <translation>不标注</translation>
    </message>
    <message>
        <source>&amp;2 Outline</source>
        <translation>&amp;2 谈话提纲</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Use template</source>
        <translation>使用模板(&amp;U)</translation>
    </message>
    <message>
        <source>Replace the outline with the template&apos;s questions</source>
        <translation>用模板中的问题替换谈话提纲</translation>
    </message>
    <message>
        <source>Questions to &amp;record</source>
        <translation>提纲转入记录(&amp;O)</translation>
    </message>
    <message>
        <source>Start the record with one block for each question of the outline</source>
        <translation>为提纲中的每个问题在记录中建立一个问答</translation>
    </message>
    <message>
        <source>One question per line.</source>
        <translation>每行一个问题。</translation>
    </message>
    <message>
        <source>&amp;3 Record</source>
        <translation>&amp;3 谈话记录</translation>
    </message>
    <message>
        <source>Ctrl+Enter: new question · Tab / Shift+Tab: next / previous field · Ctrl+Shift+Backspace: remove an empty block</source>
        <translation>Ctrl+Enter：新增一问 · Tab / Shift+Tab：下一栏 / 上一栏 · Ctrl+Shift+Backspace：删除空白问答</translation>
    </message>
    <message>
        <source>Full-window &amp;writing</source>
        <translation>全屏书写(&amp;W)</translation>
    </message>
    <message>
        <source>Write the record in the whole window (F11); Esc or F11 leaves it</source>
        <translation>在整个窗口中书写谈话记录（F11）；按 Esc 或 F11 退出</translation>
    </message>
    <message>
        <source>&amp;Key points:</source>
        <translation>谈话要点(&amp;K)：</translation>
    </message>
    <message>
        <source>The interviewee raised &amp;problems</source>
        <translation>被谈话人反映了问题(&amp;P)</translation>
    </message>
    <message>
        <source>The interviewee raised &amp;leads</source>
        <translation>被谈话人反映了问题线索(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;4 Signature and addenda</source>
        <translation>&amp;4 签字与补充说明</translation>
    </message>
    <message>
        <source>Addenda (dated corrections after signature):</source>
        <translation>补充说明（签字后注明日期的更正）：</translation>
    </message>
    <message>
        <source>&amp;Issues arising from this talk:</source>
        <translation>由本次谈话形成的问题(&amp;I)：</translation>
    </message>
    <message>
        <source>Issues whose evidence cites this talk; double-click or Enter opens one (read-only)</source>
        <translation>证据清单引用本次谈话的问题；双击或按回车键打开（只读）</translation>
    </message>
</context>
<context>
    <name>TalkSignForm</name>
    <message>
        <source>Signed by the interviewee</source>
        <translation>被谈话人签字确认</translation>
    </message>
    <message>
        <source>Confirm that the interviewee has read the record and signed every page. A signed record is locked: later corrections are added as dated addenda.</source>
        <translation>请确认被谈话人已阅读记录并在每页签字。签字后记录即锁定，此后的更正以注明日期的补充说明附加。</translation>
    </message>
    <message>
        <source>Signature &amp;date:</source>
        <translation>签字日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Scan of signed pages:</source>
        <translation>签字页扫描件：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>C&amp;hoose file…</source>
        <translation>选择文件(&amp;H)…</translation>
    </message>
</context>
<context>
    <name>Talks</name>
    <message>
        <source>Talks</source>
        <translation>谈话</translation>
    </message>
</context>
<context>
    <name>TalksPanel</name>
    <message>
        <source>Choose a talk in the list, or press Ctrl+N for a new one.</source>
        <translation>请在列表中选择谈话记录，或按 Ctrl+N 新建。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>谈话时间</translation>
    </message>
    <message>
        <source>Interviewee</source>
        <translation>被谈话人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>谈话类型</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>反映</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>命中内容</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All interviewers</source>
        <translation>全部谈话人</translation>
    </message>
    <message>
        <source>No talk matches the filter.</source>
        <translation>没有符合筛选条件的谈话</translation>
    </message>
    <message>
        <source>Clear the filter fields above to see every talk of this inspection.</source>
        <translation>清空上方的筛选条件，即可看到本次巡察的全部谈话。</translation>
    </message>
    <message>
        <source>No talks recorded yet for this inspection.</source>
        <translation>本次巡察还没有谈话记录</translation>
    </message>
    <message>
        <source>Press New talk (Ctrl+N) to record the first one.</source>
        <translation>按“新建谈话”（Ctrl+N）开始记录第一次谈话。</translation>
    </message>
    <message>
        <source>The inspection team records the talks; they appear here once saved.</source>
        <translation>谈话记录由巡察组录入，保存后即在此列出。</translation>
    </message>
    <message>
        <source>%1 talk(s)</source>
        <translation>共 %1 条谈话记录</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>第%1号</translation>
    </message>
    <message>
        <source>a new talk</source>
        <translation>新谈话</translation>
    </message>
    <message>
        <source>Unsaved input kept as a draft: %1</source>
        <translation>有未保存的草稿：%1</translation>
    </message>
    <message>
        <source>%1 talk(s) found</source>
        <translation>找到 %1 条谈话记录</translation>
    </message>
</context>
<context>
    <name>TalksPanelForm</name>
    <message>
        <source>Talks</source>
        <translation>谈话</translation>
    </message>
    <message>
        <source>&amp;Interviewee:</source>
        <translation>被谈话人(&amp;I)：</translation>
    </message>
    <message>
        <source>Date from</source>
        <translation>日期从</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>&amp;New talk</source>
        <translation>新建谈话(&amp;N)</translation>
    </message>
    <message>
        <source>New talk (Ctrl+N)</source>
        <translation>新建谈话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search outlines and records (Ctrl+F, at least two characters)</source>
        <translation>搜索谈话提纲和记录（Ctrl+F，至少两个字）</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>搜索(&amp;F)</translation>
    </message>
</context>
</TS>
