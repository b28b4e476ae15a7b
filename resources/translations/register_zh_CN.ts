<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AfterFeedbackForm</name>
    <message>
        <source>What the unit reports after the feedback</source>
        <translation>反馈后被巡察单位报送事项</translation>
    </message>
    <message>
        <source>&amp;Report received…</source>
        <translation>登记报送(&amp;R)…</translation>
    </message>
    <message>
        <source>Fact confirmation</source>
        <translation>事实确认</translation>
    </message>
    <message>
        <source>&amp;New sheet</source>
        <translation>生成确认单(&amp;N)</translation>
    </message>
    <message>
        <source>Mark &amp;sent…</source>
        <translation>登记送达(&amp;S)…</translation>
    </message>
    <message>
        <source>Unit&apos;s &amp;answer…</source>
        <translation>登记单位答复(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Decision…</source>
        <translation>异议处理(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Print sheet…</source>
        <translation>打印确认单(&amp;P)…</translation>
    </message>
    <message>
        <source>Assessment of the rectification</source>
        <translation>整改成效评估</translation>
    </message>
    <message>
        <source>&amp;Begin assessment</source>
        <translation>开始评估(&amp;B)</translation>
    </message>
    <message>
        <source>S&amp;core item…</source>
        <translation>评分(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;From the survey</source>
        <translation>按满意度测评计分(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Conclude…</source>
        <translation>评定等次(&amp;O)…</translation>
    </message>
    <message>
        <source>Print re&amp;port…</source>
        <translation>打印评估报告(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>AfterFeedbackPanel</name>
    <message>
        <source>Received on {date}</source>
        <translation>已于 {date} 报送</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待报送</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报送事项</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>应报日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>确认单</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>送达</translation>
    </message>
    <message>
        <source>Not yet sent</source>
        <translation>尚未送达</translation>
    </message>
    <message>
        <source>Unit&apos;s answer</source>
        <translation>单位答复</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>评估项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>veto</source>
        <translation>否决项</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>applies</source>
        <translation>触发</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>评分依据</translation>
    </message>
    <message>
        <source>The deadlines begin when the inspection enters its feedback phase.</source>
        <translation>巡察进入“反馈”阶段后开始计算报送时限。</translation>
    </message>
    <message>
        <source>Counted from the feedback with the working-day calendar; * marks a date past its years.</source>
        <translation>自反馈之日起按工作日历计算；标 * 的日期超出节假日安排年份，为估算。</translation>
    </message>
    <message>
        <source>The office assesses the rectification once the unit has reported.</source>
        <translation>被巡察单位报送整改情况后，由巡察办开展整改成效评估。</translation>
    </message>
    <message>
        <source>Assessed on {date}: {total} points, graded {grade}.</source>
        <translation>已于 {date} 评定：{total} 分，等次为“{grade}”。</translation>
    </message>
    <message>
        <source>So far {total} points ({grade}); conclude to fix the grade.</source>
        <translation>目前 {total} 分（{grade}）；评定等次后固定。</translation>
    </message>
    <message>
        <source>Report received from the unit</source>
        <translation>登记单位报送</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报送事项：</translation>
    </message>
    <message>
        <source>Received on:</source>
        <translation>报送日期：</translation>
    </message>
    <message>
        <source>Summary (or import the document):</source>
        <translation>内容摘要（或导入文件）：</translation>
    </message>
    <message>
        <source>Import the unit&apos;s document with the button below, or type its summary.</source>
        <translation>可用下方按钮导入单位报送的文件，或直接填写内容摘要。</translation>
    </message>
    <message>
        <source>Import document…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Import the unit&apos;s report</source>
        <translation>导入单位报送的文件</translation>
    </message>
    <message>
        <source>Document: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>The measures it reports on:</source>
        <translation>报告涉及的整改措施：</translation>
    </message>
    <message>
        <source>Sheet sent to the unit</source>
        <translation>登记送达事实确认单</translation>
    </message>
    <message>
        <source>Sent on:</source>
        <translation>送达日期：</translation>
    </message>
    <message>
        <source>Sent to:</source>
        <translation>送达对象：</translation>
    </message>
    <message>
        <source>The unit&apos;s answer to fact {n}</source>
        <translation>第 {n} 项事实的单位答复</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>答复：</translation>
    </message>
    <message>
        <source>Answered on:</source>
        <translation>答复日期：</translation>
    </message>
    <message>
        <source>The unit&apos;s explanation:</source>
        <translation>单位说明：</translation>
    </message>
    <message>
        <source>A disputed fact reopens its working paper, which goes through the sign-off chain again.</source>
        <translation>有异议的事实将重新打开其问题底稿，重新履行审签流程。</translation>
    </message>
    <message>
        <source>Decision on the disputed fact {n}</source>
        <translation>第 {n} 项事实的异议处理</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>处理决定：</translation>
    </message>
    <message>
        <source>Decided on:</source>
        <translation>决定日期：</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Applies:</source>
        <translation>是否触发：</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>评分依据：</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes: graded 差 whatever the points</source>
        <translation>是：无论得分，均评定为“差”</translation>
    </message>
    <message>
        <source>Deduction (0–{n}):</source>
        <translation>扣分（0–{n}）：</translation>
    </message>
    <message>
        <source>Conclude the assessment</source>
        <translation>评定整改成效等次</translation>
    </message>
    <message>
        <source>Assessed on:</source>
        <translation>评定日期：</translation>
    </message>
    <message>
        <source>Conclusion:</source>
        <translation>评估结论：</translation>
    </message>
    <message>
        <source>A grade of 一般 or 差 proposes the unit for a look-back (回头看).</source>
        <translation>评定为“一般”或“差”的，该单位列入回头看。</translation>
    </message>
</context>
<context>
    <name>EarlierPanel</name>
    <message>
        <source>Link the finding…</source>
        <translation>关联原问题…</translation>
    </message>
    <message>
        <source>assessed {total:g} points, graded “{grade}”</source>
        <translation>整改成效评估 {total:g} 分，评定为“{grade}”</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未作整改成效评估</translation>
    </message>
    <message>
        <source>Round {n} inspection of {unit}: {count} issues, {grade}.</source>
        <translation>第{n}轮对{unit}的巡察：发现问题 {count} 个，{grade}。</translation>
    </message>
    <message>
        <source>Link “{title}” to the earlier inspection</source>
        <translation>关联“{title}”与原巡察问题</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Figures for:</source>
        <translation>统计范围：</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Issues transferred</source>
        <translation>移交问题</translation>
    </message>
    <message>
        <source>Leads transferred</source>
        <translation>移交线索</translation>
    </message>
    <message>
        <source>Cases opened</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>党纪政务处分</translation>
    </message>
    <message>
        <source>Organisational handling</source>
        <translation>组织处理</translation>
    </message>
    <message>
        <source>Rectification done</source>
        <translation>整改已销号</translation>
    </message>
    <message>
        <source>Rectification open</source>
        <translation>整改未销号</translation>
    </message>
    <message>
        <source>Rectification overdue</source>
        <translation>整改逾期</translation>
    </message>
    <message>
        <source>Close-out rate</source>
        <translation>销号率</translation>
    </message>
    <message>
        <source>Units covered</source>
        <translation>覆盖单位</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>巡察次数</translation>
    </message>
    <message>
        <source>Problems found by category</source>
        <translation>发现问题（按类别）</translation>
    </message>
    <message>
        <source>Issues by outcome</source>
        <translation>问题处置情况</translation>
    </message>
    <message>
        <source>Leads and their outcomes</source>
        <translation>问题线索及办理结果</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>Everything I may see</source>
        <translation>全部（本人可见范围）</translation>
    </message>
    <message>
        <source>Term: {name}</source>
        <translation>届：{name}</translation>
    </message>
    <message>
        <source>Round {n}</source>
        <translation>第{n}轮</translation>
    </message>
    <message>
        <source>Unit: {name}</source>
        <translation>单位：{name}</translation>
    </message>
    <message>
        <source>As of {date}. Computed from the records.</source>
        <translation>统计截至 {date}，由记录自动计算。</translation>
    </message>
    <message>
        <source>Lead figures are for the office and team leaders only.</source>
        <translation>问题线索统计仅限巡察办和组长查看。</translation>
    </message>
    <message>
        <source>No problems found yet.</source>
        <translation>尚未发现问题。</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Fed back to the unit</source>
        <translation>反馈被巡察单位</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>已移交</translation>
    </message>
    <message>
        <source>Closed out</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>Fixed on the spot</source>
        <translation>立行立改</translation>
    </message>
    <message>
        <source>{n} ({d} recorded)</source>
        <translation>{n}（已登记 {d}）</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>整改事项</translation>
    </message>
    <message>
        <source>Done (closed out)</source>
        <translation>已完成（已销号）</translation>
    </message>
    <message>
        <source>Not yet closed out</source>
        <translation>未销号</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Measures done</source>
        <translation>措施已完成</translation>
    </message>
    <message>
        <source>Measures overdue</source>
        <translation>措施逾期</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新整改</translation>
    </message>
    <message>
        <source>Assessed {grade}</source>
        <translation>评估为“{grade}”</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>to the discipline commission</source>
        <translation>移交纪委监委</translation>
    </message>
    <message>
        <source>to the organisation dept</source>
        <translation>移交组织部</translation>
    </message>
    <message>
        <source>Reported back</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <source>Report-back overdue</source>
        <translation>反馈逾期</translation>
    </message>
</context>
<context>
    <name>ImmediateFixDialog</name>
    <message>
        <source>Fixed on the spot: {title}</source>
        <translation>立行立改：{title}</translation>
    </message>
    <message>
        <source>What the unit did, and the result</source>
        <translation>被巡察单位采取的措施及结果</translation>
    </message>
</context>
<context>
    <name>ImmediateFixForm</name>
    <message>
        <source>Fixed on the spot</source>
        <translation>立行立改</translation>
    </message>
    <message>
        <source>&amp;Fixed on:</source>
        <translation>整改完成日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;What the unit did:</source>
        <translation>整改措施及结果(&amp;W)：</translation>
    </message>
</context>
<context>
    <name>ImmediateFixPanel</name>
    <message>
        <source>Fixed {date}</source>
        <translation>已于 {date} 整改</translation>
    </message>
    <message>
        <source>To record</source>
        <translation>待登记</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Record the fix…</source>
        <translation>登记整改情况…</translation>
    </message>
    <message>
        <source>Import proof…</source>
        <translation>导入佐证材料…</translation>
    </message>
    <message>
        <source>{n} issues fixed on the spot, {d} recorded</source>
        <translation>立行立改问题 {n} 个，已登记 {d} 个</translation>
    </message>
    <message>
        <source>Choose an issue tagged as fixed on the spot.</source>
        <translation>请选择一个标记为“立行立改”的问题。</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <source>Not recorded yet</source>
        <translation>尚未登记</translation>
    </message>
    <message>
        <source>Fixed on</source>
        <translation>整改完成日期</translation>
    </message>
    <message>
        <source>What the unit did</source>
        <translation>整改措施及结果</translation>
    </message>
    <message>
        <source>Import proof of the fix</source>
        <translation>导入立行立改佐证材料</translation>
    </message>
    <message>
        <source>Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>支持的文件 (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Fixed on the spot</source>
        <translation>立行立改</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Working paper</source>
        <translation>问题底稿</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(unclassified)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>(not yet numbered)</source>
        <translation>（未编号）</translation>
    </message>
    <message>
        <source>Working paper — {title}</source>
        <translation>问题底稿 — {title}</translation>
    </message>
    <message>
        <source>New issue of {unit}</source>
        <translation>新建问题（{unit}）</translation>
    </message>
    <message>
        <source>Signed by {name} on {date}</source>
        <translation>{name} 于 {date} 签批</translation>
    </message>
    <message>
        <source>Allocated when the leader signs</source>
        <translation>组长签批时自动编号</translation>
    </message>
    <message>
        <source>Not yet signed</source>
        <translation>尚未签批</translation>
    </message>
    <message>
        <source>Only the leader of this team signs; the paper needs facts, legal basis, evidence and the review.</source>
        <translation>只有本组组长可以签批；底稿须有问题事实、定性依据、证据和组务会审核意见。</translation>
    </message>
    <message>
        <source> — reason: {reason}</source>
        <translation> — 理由：{reason}</translation>
    </message>
    <message>
        <source>(not yet)</source>
        <translation>（尚未）</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>（新建）</translation>
    </message>
    <message>
        <source>No status move is open to you now.</source>
        <translation>当前没有您可以进行的状态变更。</translation>
    </message>
    <message>
        <source>Feeding back needs the leader&apos;s signature first.</source>
        <translation>反馈前须经组长签批编号。</translation>
    </message>
    <message>
        <source>Rectification and close-out are recorded in the Rectification tab.</source>
        <translation>整改和销号请在“整改”页登记。</translation>
    </message>
    <message>
        <source>Save the paper first; then submit it for review.</source>
        <translation>请先保存底稿，再提交审核。</translation>
    </message>
    <message>
        <source> — next: {who}</source>
        <translation> — 下一步：{who}</translation>
    </message>
    <message>
        <source>Nothing missing.</source>
        <translation>内容完整。</translation>
    </message>
    <message>
        <source>Signed: no longer checked.</source>
        <translation>已签批，不再检查。</translation>
    </message>
    <message>
        <source>This team&apos;s chain: drafter submits → deputy reviews → leader signs → team meeting adopts.</source>
        <translation>本组审签流程：承办人提交 → 副组长审核 → 组长审签 → 组务会审定。</translation>
    </message>
    <message>
        <source>This team&apos;s chain: drafter submits → leader signs → team meeting adopts.</source>
        <translation>本组审签流程：承办人提交 → 组长审签 → 组务会审定。</translation>
    </message>
    <message>
        <source> To sign over the notes above, give your reason in the opinion box.</source>
        <translation> 如需在上述提示下签批，请在意见栏填写理由。</translation>
    </message>
    <message>
        <source>Enter the date of the signature or of the meeting.</source>
        <translation>请填写签批日期或组务会日期。</translation>
    </message>
    <message>
        <source>Verify the issue</source>
        <translation>核实问题</translation>
    </message>
    <message>
        <source>Verified on:</source>
        <translation>核实日期：</translation>
    </message>
    <message>
        <source>Dismiss the issue</source>
        <translation>排除问题</translation>
    </message>
    <message>
        <source>Dismissed on:</source>
        <translation>排除日期：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>A dismissed issue stays in the register with its reason.</source>
        <translation>排除的问题连同排除理由保留在问题台账中。</translation>
    </message>
    <message>
        <source>Feed back or transfer</source>
        <translation>反馈或移交</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Disposition:</source>
        <translation>处置方式：</translation>
    </message>
    <message>
        <source>Receiving body:</source>
        <translation>接收单位：</translation>
    </message>
    <message>
        <source>Feeding back to the unit opens its rectification with the customary deadlines.</source>
        <translation>反馈被巡察单位后即按惯例期限建立整改事项。</translation>
    </message>
    <message>
        <source>Close the transferred issue</source>
        <translation>办结移交问题</translation>
    </message>
    <message>
        <source>Closed on:</source>
        <translation>办结日期：</translation>
    </message>
    <message>
        <source>How it was dealt with:</source>
        <translation>办结情况：</translation>
    </message>
    <message>
        <source>Reopen the issue</source>
        <translation>重新打开问题</translation>
    </message>
    <message>
        <source>Reopened on:</source>
        <translation>重新打开日期：</translation>
    </message>
</context>
<context>
    <name>IssuesPanel</name>
    <message>
        <source>New issue</source>
        <translation>新建问题</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Print issue list…</source>
        <translation>打印问题清单…</translation>
    </message>
    <message>
        <source>Title or number (Ctrl+F)</source>
        <translation>标题或编号（Ctrl+F）</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any seriousness</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>{n} issues</source>
        <translation>{n} 个问题</translation>
    </message>
    <message>
        <source>No issue matches the filter.</source>
        <translation>没有符合筛选条件的问题</translation>
    </message>
    <message>
        <source>Clear the filter fields above to see every issue of this inspection.</source>
        <translation>清空上方的筛选条件，即可看到本次巡察的全部问题。</translation>
    </message>
    <message>
        <source>No issues recorded yet for this inspection.</source>
        <translation>本次巡察还没有登记问题</translation>
    </message>
    <message>
        <source>Press New issue (Ctrl+N) to write up the first one.</source>
        <translation>按“新建问题”（Ctrl+N）撰写第一份问题底稿。</translation>
    </message>
    <message>
        <source>The inspection team writes up the issues; they appear here once saved.</source>
        <translation>问题由巡察组撰写，保存后即在此列出。</translation>
    </message>
    <message>
        <source>Delete the issue “{title}”? Only an issue entered by mistake (not yet verified or signed) can be deleted.</source>
        <translation>删除问题“{title}”？只有误录的问题（尚未核实、尚未签批）才能删除。</translation>
    </message>
</context>
<context>
    <name>LeadDialog</name>
    <message>
        <source>Edit lead</source>
        <translation>编辑问题线索</translation>
    </message>
    <message>
        <source>New lead</source>
        <translation>新建线索</translation>
    </message>
</context>
<context>
    <name>LeadsPanel</name>
    <message>
        <source>New lead</source>
        <translation>新建线索</translation>
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
        <source>Transfer…</source>
        <translation>移交…</translation>
    </message>
    <message>
        <source>Change report due…</source>
        <translation>调整反馈期限…</translation>
    </message>
    <message>
        <source>Report back and outcomes…</source>
        <translation>登记反馈及办理结果…</translation>
    </message>
    <message>
        <source>{n} leads, {t} transferred, {o} report-backs overdue</source>
        <translation>{n} 条线索，已移交 {t}，反馈逾期 {o}</translation>
    </message>
    <message>
        <source>Choose a lead.</source>
        <translation>请选择一条问题线索。</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>被反映人</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>线索内容</translation>
    </message>
    <message>
        <source>Related issues</source>
        <translation>相关问题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>移交</translation>
    </message>
    <message>
        <source>{date} to {body}, letter {no}, sent by {sender}, received by {receiver}</source>
        <translation>{date} 移交{body}，函号 {no}，移交人 {sender}，接收人 {receiver}</translation>
    </message>
    <message>
        <source>Report due</source>
        <translation>反馈期限</translation>
    </message>
    <message>
        <source> — OVERDUE</source>
        <translation> — 已逾期</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>已立案</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation>党纪政务处分</translation>
    </message>
    <message>
        <source>Organisational handling</source>
        <translation>组织处理</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Delete the lead about {name}? Only a lead not yet transferred can be deleted.</source>
        <translation>删除关于{name}的问题线索？只有尚未移交的线索才能删除。</translation>
    </message>
    <message>
        <source>Report due:</source>
        <translation>反馈期限：</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <source>Filter the list… (Ctrl+F)</source>
        <translation>筛选列表…（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>LookbackPage</name>
    <message>
        <source>Unit</source>
        <translation>被巡察单位</translation>
    </message>
    <message>
        <source>Earlier inspection</source>
        <translation>原巡察</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Look-back inspection</source>
        <translation>回头看巡察</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>尚未安排</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>Earlier issue</source>
        <translation>原巡察发现的问题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Measures (completion, deadline)</source>
        <translation>整改措施（完成情况，时限）</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>回头看发现的问题</translation>
    </message>
    <message>
        <source>Relation to the earlier issues</source>
        <translation>与原问题的关系</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>尚未关联</translation>
    </message>
    <message>
        <source>Schedule into an inspection…</source>
        <translation>安排回头看巡察…</translation>
    </message>
    <message>
        <source>Assessment template…</source>
        <translation>评估模板…</translation>
    </message>
    <message>
        <source>{n} units proposed, {w} not yet scheduled</source>
        <translation>列入回头看 {n} 个单位，尚未安排 {w} 个</translation>
    </message>
    <message>
        <source>Schedule the look-back into an inspection of a look-back round to see the earlier issues.</source>
        <translation>在“回头看”轮次中安排对该单位的巡察后，这里列出原巡察发现的问题。</translation>
    </message>
    <message>
        <source>Choose the look-back inspection.</source>
        <translation>请选择回头看巡察。</translation>
    </message>
    <message>
        <source>No inspection of this unit in a look-back round yet: create one in the organisation first.</source>
        <translation>“回头看”轮次中还没有对该单位的巡察，请先在“巡察工作”中建立。</translation>
    </message>
    <message>
        <source>Schedule the look-back of {unit}</source>
        <translation>安排对{unit}的回头看</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <source>Edit measure</source>
        <translation>编辑措施</translation>
    </message>
    <message>
        <source>New measure</source>
        <translation>新建措施</translation>
    </message>
</context>
<context>
    <name>OpenItemsPage</name>
    <message>
        <source>By deadline</source>
        <translation>按完成时限</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <source>By responsible person</source>
        <translation>按责任人</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Filter the list…</source>
        <translation>筛选列表…</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>届次：</translation>
    </message>
    <message>
        <source>All terms</source>
        <translation>全部届次</translation>
    </message>
    <message>
        <source>{n} open measures, {o} overdue</source>
        <translation>{n} 项未完成措施，逾期 {o}</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> 等，另有 {n} 项</translation>
    </message>
    <message>
        <source>Unit reports overdue: {n} — {names}{more}</source>
        <translation>逾期未报送的整改报告 {n} 项：{names}{more}</translation>
    </message>
</context>
<context>
    <name>PapersPage</name>
    <message>
        <source>Round {n} · {team}</source>
        <translation>第{n}轮 · {team}</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>巡察组</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>被巡察单位</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>审签状态</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>全部巡察组</translation>
    </message>
    <message>
        <source>Filter the list…</source>
        <translation>筛选列表…</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>巡察组：</translation>
    </message>
    <message>
        <source>{n} papers shown of {total}: {parts}</source>
        <translation>显示 {n} 份，共 {total} 份底稿：{parts}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>PetitionDialog</name>
    <message>
        <source>Edit petition</source>
        <translation>编辑信访件</translation>
    </message>
    <message>
        <source>New petition</source>
        <translation>新建信访件</translation>
    </message>
</context>
<context>
    <name>PetitionsPanel</name>
    <message>
        <source>New petition</source>
        <translation>新建信访件</translation>
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
        <source>Handling…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Take up as an issue…</source>
        <translation>转为问题…</translation>
    </message>
    <message>
        <source>Link to an issue…</source>
        <translation>关联问题…</translation>
    </message>
    <message>
        <source>{n} petitions, {p} pending</source>
        <translation>{n} 件信访，待处理 {p}</translation>
    </message>
    <message>
        <source>Choose a petition.</source>
        <translation>请选择一件信访件。</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Petitioner</source>
        <translation>信访人</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>被反映人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>主要内容</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Delete this petition?</source>
        <translation>删除该信访件？</translation>
    </message>
    <message>
        <source>Handling:</source>
        <translation>处理方式：</translation>
    </message>
    <message>
        <source>Handled on:</source>
        <translation>处理日期：</translation>
    </message>
    <message>
        <source>Passed to:</source>
        <translation>转交单位：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Take up as an issue</source>
        <translation>转为问题</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Issue title:</source>
        <translation>问题标题：</translation>
    </message>
    <message>
        <source>A new issue is opened with the petition as its first evidence; write it up in the Issues tab.</source>
        <translation>将新建问题并以该信访件为第一项证据；请在“问题”页完善问题底稿。</translation>
    </message>
    <message>
        <source>Link to an issue</source>
        <translation>关联问题</translation>
    </message>
    <message>
        <source>Issue:</source>
        <translation>问题：</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>(the whole item)</source>
        <translation>（整改事项整体）</translation>
    </message>
    <message>
        <source>Choose evidence files</source>
        <translation>选择证明材料</translation>
    </message>
</context>
<context>
    <name>RectificationPanel</name>
    <message>
        <source>Plan received…</source>
        <translation>登记整改方案…</translation>
    </message>
    <message>
        <source>Deadlines…</source>
        <translation>整改期限…</translation>
    </message>
    <message>
        <source>Add measure</source>
        <translation>添加措施</translation>
    </message>
    <message>
        <source>Edit measure</source>
        <translation>编辑措施</translation>
    </message>
    <message>
        <source>Remove measure</source>
        <translation>删除措施</translation>
    </message>
    <message>
        <source>Measure completion…</source>
        <translation>措施完成情况…</translation>
    </message>
    <message>
        <source>Add progress…</source>
        <translation>登记进展…</translation>
    </message>
    <message>
        <source>View evidence</source>
        <translation>查看证明材料</translation>
    </message>
    <message>
        <source>Unit&apos;s completion…</source>
        <translation>单位完成情况…</translation>
    </message>
    <message>
        <source>Verify and close out…</source>
        <translation>核验销号…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Print ledger…</source>
        <translation>打印整改台账…</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <source>Close-out steps</source>
        <translation>销号流程</translation>
    </message>
    <message>
        <source>{n} items: {c} closed out, {o} open, {d} overdue</source>
        <translation>共 {n} 项：已销号 {c}，未销号 {o}，逾期 {d}</translation>
    </message>
    <message>
        <source>Issues fed back to the unit appear here once fed back.</source>
        <translation>反馈被巡察单位的问题在此列出整改情况。</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>整改目标</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>整改方案</translation>
    </message>
    <message>
        <source>due {due}, received {on}</source>
        <translation>期限 {due}，报送 {on}</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>整改报告</translation>
    </message>
    <message>
        <source>due {due}, completion reported {on}</source>
        <translation>期限 {due}，报告完成 {on}</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>State</source>
        <translation>销号状态</translation>
    </message>
    <message>
        <source> — OVERDUE</source>
        <translation> — 已逾期</translation>
    </message>
    <message>
        <source>No issue selected.</source>
        <translation>尚未选择问题</translation>
    </message>
    <message>
        <source>Choose an issue in the list above.</source>
        <translation>请在上方列表中选择一个问题。</translation>
    </message>
    <message>
        <source>No rectification measures recorded yet.</source>
        <translation>尚未登记整改措施</translation>
    </message>
    <message>
        <source>Press Add measure to record the unit&apos;s measures, each with whom and by when.</source>
        <translation>按“添加措施”登记单位的整改措施，写明责任人和完成时限。</translation>
    </message>
    <message>
        <source>No progress recorded yet.</source>
        <translation>尚未登记整改进展</translation>
    </message>
    <message>
        <source>Press Add progress… to record what the unit reports, with its evidence files.</source>
        <translation>按“登记进展…”记录单位报送的进展及证明材料。</translation>
    </message>
    <message>
        <source>No close-out steps yet.</source>
        <translation>尚无销号步骤</translation>
    </message>
    <message>
        <source>Once the unit&apos;s completion is recorded, the office verifies and closes the issue out.</source>
        <translation>登记单位完成情况后，由巡察办核验销号。</translation>
    </message>
    <message>
        <source>Select an issue in the list first.</source>
        <translation>请先在列表中选择一个问题。</translation>
    </message>
    <message>
        <source>Your role may read the rectification, not record it.</source>
        <translation>您的角色只能查看整改情况，不能登记。</translation>
    </message>
    <message>
        <source>Closed out: reopen it to record more.</source>
        <translation>已销号：重新打开后才能继续登记。</translation>
    </message>
    <message>
        <source>Select a measure first.</source>
        <translation>请先选择一项整改措施。</translation>
    </message>
    <message>
        <source>Select a progress entry with evidence first.</source>
        <translation>请先选择一条附有佐证材料的进展。</translation>
    </message>
    <message>
        <source>Record the unit&apos;s rectification plan first (Plan received…).</source>
        <translation>请先登记单位的整改方案（登记整改方案…）。</translation>
    </message>
    <message>
        <source>Only the office verifies and closes out.</source>
        <translation>只有巡察办可以核验销号。</translation>
    </message>
    <message>
        <source>The unit&apos;s completion must be recorded first.</source>
        <translation>须先登记单位完成情况。</translation>
    </message>
    <message>
        <source>Not closed out.</source>
        <translation>尚未销号。</translation>
    </message>
    <message>
        <source>The unit&apos;s rectification plan</source>
        <translation>单位整改方案</translation>
    </message>
    <message>
        <source>Plan received on:</source>
        <translation>方案报送日期：</translation>
    </message>
    <message>
        <source>Rectification goal:</source>
        <translation>整改目标：</translation>
    </message>
    <message>
        <source>Remove measure {n}?</source>
        <translation>删除第{n}项措施？</translation>
    </message>
    <message>
        <source>Measure completion</source>
        <translation>措施完成情况</translation>
    </message>
    <message>
        <source>Completion:</source>
        <translation>完成情况：</translation>
    </message>
    <message>
        <source>Completed on:</source>
        <translation>完成日期：</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>The unit&apos;s completion</source>
        <translation>单位整改完成情况</translation>
    </message>
    <message>
        <source>Reported on:</source>
        <translation>报告日期：</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>完成情况说明：</translation>
    </message>
    <message>
        <source>Done (or mostly done with every unfinished measure ongoing) makes the item ready for the office to verify and close out.</source>
        <translation>报“已完成”（或“基本完成”且未完成的措施均为常态化坚持）后，由巡察办核验销号。</translation>
    </message>
    <message>
        <source>Verify and close out</source>
        <translation>核验销号</translation>
    </message>
    <message>
        <source>Closed out on:</source>
        <translation>销号日期：</translation>
    </message>
    <message>
        <source>Verification opinion:</source>
        <translation>核验意见：</translation>
    </message>
    <message>
        <source>Only the office closes out, after verifying the unit&apos;s completion.</source>
        <translation>只有巡察办在核验单位整改完成情况后才能销号。</translation>
    </message>
    <message>
        <source>Reopen the item</source>
        <translation>重新打开整改事项</translation>
    </message>
    <message>
        <source>Reopened on:</source>
        <translation>重新打开日期：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>Register</name>
    <message>
        <source>Deadlines and assessment</source>
        <translation>整改时限与评估</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Petitions</source>
        <translation>信访</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题表述</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Seriousness</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>被巡察单位</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>(unnumbered)</source>
        <translation>（未编号）</translation>
    </message>
    <message>
        <source>(unclassified)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Locator</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Cited record</source>
        <translation>证据来源</translation>
    </message>
    <message>
        <source>Opinion or reason</source>
        <translation>意见或理由</translation>
    </message>
    <message>
        <source>Reported person</source>
        <translation>被反映人</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>移交对象</translation>
    </message>
    <message>
        <source>Letter No.</source>
        <translation>移交函文号</translation>
    </message>
    <message>
        <source>Report due</source>
        <translation>反馈期限</translation>
    </message>
    <message>
        <source>Disposal</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Petitioner</source>
        <translation>信访人</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>被反映人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>主要内容</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>销号状态</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Plan due</source>
        <translation>方案期限</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>措施类型</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Issue list — print preview</source>
        <translation>问题清单 — 打印预览</translation>
    </message>
    <message>
        <source>issue-list.pdf</source>
        <translation>问题清单.pdf</translation>
    </message>
    <message>
        <source>Rectification ledger — print preview</source>
        <translation>整改台账 — 打印预览</translation>
    </message>
    <message>
        <source>rectification-ledger.pdf</source>
        <translation>整改台账.pdf</translation>
    </message>
    <message>
        <source>Working paper — print preview</source>
        <translation>问题底稿 — 打印预览</translation>
    </message>
    <message>
        <source>working-paper.pdf</source>
        <translation>问题底稿.pdf</translation>
    </message>
    <message>
        <source>Fact confirmation sheet — print preview</source>
        <translation>事实确认单 — 打印预览</translation>
    </message>
    <message>
        <source>fact-sheet.pdf</source>
        <translation>事实确认单.pdf</translation>
    </message>
    <message>
        <source>Fact confirmation — print preview</source>
        <translation>事实确认单 — 打印预览</translation>
    </message>
    <message>
        <source>fact-confirmation.pdf</source>
        <translation>事实确认单.pdf</translation>
    </message>
    <message>
        <source>Assessment report — print preview</source>
        <translation>整改成效评估报告 — 打印预览</translation>
    </message>
    <message>
        <source>assessment-report.pdf</source>
        <translation>整改成效评估报告.pdf</translation>
    </message>
    <message>
        <source>Rectification supervision</source>
        <translation>整改督办</translation>
    </message>
    <message>
        <source>Paper sign-off</source>
        <translation>底稿审签</translation>
    </message>
    <message>
        <source>Look-back</source>
        <translation>回头看</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>RegisterActionForm</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Choice:</source>
        <translation>选择(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>内容(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RegisterDeadlinesForm</name>
    <message>
        <source>Rectification deadlines</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>&amp;Plan due:</source>
        <translation>方案报送期限(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Report due:</source>
        <translation>报告报送期限(&amp;R)：</translation>
    </message>
    <message>
        <source>Custom: the plan within 15 working days of the feedback, the report within three months.</source>
        <translation>惯例：反馈后15个工作日内报送整改方案，3个月内报送整改报告。</translation>
    </message>
</context>
<context>
    <name>RegisterEvidenceForm</name>
    <message>
        <source>Add evidence</source>
        <translation>添加证据</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>证据类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <source>Type to narrow the list</source>
        <translation>输入文字缩小范围</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>引用记录(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Locator:</source>
        <translation>出处(&amp;L)：</translation>
    </message>
    <message>
        <source>e.g. page 3</source>
        <translation>如：第3页</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>说明(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>RegisterIssueForm</name>
    <message>
        <source>Working paper</source>
        <translation>问题底稿</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>问题标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Found on:</source>
        <translation>发现日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>问题类别(&amp;C)：</translation>
    </message>
    <message>
        <source>S&amp;econdary tag:</source>
        <translation>辅助标签(&amp;E)：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Cadre selection</source>
        <translation>选人用人</translation>
    </message>
    <message>
        <source>Ideology</source>
        <translation>意识形态</translation>
    </message>
    <message>
        <source>Immediate fix</source>
        <translation>立行立改</translation>
    </message>
    <message>
        <source>Key attention</source>
        <translation>重点关注</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>问题层面(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Seriousness:</source>
        <translation>严重程度(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Facts:</source>
        <translation>问题事实(&amp;D)：</translation>
    </message>
    <message>
        <source>Time, place, people, events, figures</source>
        <translation>时间、地点、人物、事件、数据</translation>
    </message>
    <message>
        <source>Legal &amp;basis:</source>
        <translation>定性依据(&amp;B)：</translation>
    </message>
    <message>
        <source>The regulation and article breached</source>
        <translation>违反的规定及条款</translation>
    </message>
    <message>
        <source>Responsibility and people</source>
        <translation>责任与涉及人员</translation>
    </message>
    <message>
        <source>&amp;Responsibility analysis:</source>
        <translation>责任分析(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Principal responsibility:</source>
        <translation>主体责任(&amp;P)：</translation>
    </message>
    <message>
        <source>First &amp;responsible person:</source>
        <translation>第一责任人(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Leading responsibility:</source>
        <translation>主要领导责任(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Supervisory responsibility:</source>
        <translation>监督责任(&amp;S)：</translation>
    </message>
    <message>
        <source>Found &amp;by:</source>
        <translation>发现人(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Written by:</source>
        <translation>撰写人(&amp;W)：</translation>
    </message>
    <message>
        <source>Written &amp;on:</source>
        <translation>撰写日期(&amp;O)：</translation>
    </message>
    <message>
        <source>People &amp;involved:</source>
        <translation>涉及人员(&amp;I)：</translation>
    </message>
    <message>
        <source>Number of &amp;people:</source>
        <translation>涉及人数(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Amount (yuan):</source>
        <translation>涉及金额（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>0.00</source>
        <translation>0.00（元）</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Number the evidence in the order the facts cite it. Open an item to read the talk record, excerpt or petition it points to.</source>
        <translation>按问题事实引用的顺序为证据编号。打开一项证据可查阅所引用的谈话记录、资料摘录或信访件。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Review and signature</source>
        <translation>审核与签批</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>问题编号：</translation>
    </message>
    <message>
        <source>Team meeting &amp;review:</source>
        <translation>组务会审核意见(&amp;R)：</translation>
    </message>
    <message>
        <source>Re&amp;viewed on:</source>
        <translation>审核日期(&amp;V)：</translation>
    </message>
    <message>
        <source>Record the review</source>
        <translation>登记审核意见</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>签批：</translation>
    </message>
    <message>
        <source>Si&amp;gned on:</source>
        <translation>签批日期(&amp;G)：</translation>
    </message>
    <message>
        <source>Sign and number (leader)</source>
        <translation>签批并编号（组长）</translation>
    </message>
    <message>
        <source>Sign-off chain</source>
        <translation>审签流程</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Completeness:</source>
        <translation>完整性检查：</translation>
    </message>
    <message>
        <source>&amp;Opinion or reason:</source>
        <translation>意见或理由(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Date (signature or meeting):</source>
        <translation>日期（签批或组务会）(&amp;D)：</translation>
    </message>
    <message>
        <source>S&amp;ubmit for review</source>
        <translation>提交审核(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Approve (deputy)</source>
        <translation>审核通过（副组长）(&amp;A)</translation>
    </message>
    <message>
        <source>Send &amp;back</source>
        <translation>退回修改(&amp;B)</translation>
    </message>
    <message>
        <source>Sign (&amp;leader)</source>
        <translation>审签（组长）(&amp;L)</translation>
    </message>
    <message>
        <source>Adopted by the &amp;team meeting</source>
        <translation>组务会审定(&amp;T)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Disposition:</source>
        <translation>处置方式：</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>核实…</translation>
    </message>
    <message>
        <source>Feed back or transfer…</source>
        <translation>反馈或移交…</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>排除…</translation>
    </message>
    <message>
        <source>Close (transferred)…</source>
        <translation>办结（移交问题）…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Print working paper…</source>
        <translation>打印问题底稿…</translation>
    </message>
    <message>
        <source>Print fact sheet…</source>
        <translation>打印事实确认单…</translation>
    </message>
</context>
<context>
    <name>RegisterLeadForm</name>
    <message>
        <source>Lead</source>
        <translation>问题线索</translation>
    </message>
    <message>
        <source>Person &amp;name:</source>
        <translation>被反映人姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Person &amp;post:</source>
        <translation>被反映人职务(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>线索来源(&amp;S)：</translation>
    </message>
    <message>
        <source>Source &amp;note:</source>
        <translation>来源说明(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Received on:</source>
        <translation>受理日期(&amp;R)：</translation>
    </message>
    <message>
        <source>S&amp;ummary:</source>
        <translation>线索内容(&amp;U)：</translation>
    </message>
    <message>
        <source>Related &amp;issues:</source>
        <translation>相关问题(&amp;I)：</translation>
    </message>
</context>
<context>
    <name>RegisterLeadReportForm</name>
    <message>
        <source>Report back and outcomes</source>
        <translation>反馈及办理结果</translation>
    </message>
    <message>
        <source>&amp;Reported on:</source>
        <translation>反馈日期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Disposal:</source>
        <translation>处置方式(&amp;D)：</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>已立案</translation>
    </message>
    <message>
        <source>&amp;Sanction:</source>
        <translation>党纪政务处分(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Organisational handling:</source>
        <translation>组织处理(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>RegisterLeadTransferForm</name>
    <message>
        <source>Transfer the lead</source>
        <translation>移交问题线索</translation>
    </message>
    <message>
        <source>Transfer &amp;to:</source>
        <translation>移交对象(&amp;T)：</translation>
    </message>
    <message>
        <source>Receiving &amp;body:</source>
        <translation>接收单位(&amp;B)：</translation>
    </message>
    <message>
        <source>Only for another body</source>
        <translation>仅移交其他单位时填写</translation>
    </message>
    <message>
        <source>&amp;Sender:</source>
        <translation>移交人(&amp;S)：</translation>
    </message>
    <message>
        <source>Re&amp;ceiver:</source>
        <translation>接收人(&amp;C)：</translation>
    </message>
    <message>
        <source>Transferred &amp;on:</source>
        <translation>移交日期(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Letter number:</source>
        <translation>移交函文号(&amp;L)：</translation>
    </message>
    <message>
        <source>Report &amp;due:</source>
        <translation>反馈期限(&amp;D)：</translation>
    </message>
    <message>
        <source>Empty: three months after the transfer</source>
        <translation>不填即为移交后三个月</translation>
    </message>
</context>
<context>
    <name>RegisterMeasureForm</name>
    <message>
        <source>Rectification measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation>整改措施(&amp;M)：</translation>
    </message>
    <message>
        <source>Types:</source>
        <translation>措施类型：</translation>
    </message>
    <message>
        <source>New rules</source>
        <translation>建章立制</translation>
    </message>
    <message>
        <source>Losses recovered</source>
        <translation>挽回损失</translation>
    </message>
    <message>
        <source>Accountability</source>
        <translation>追责问责</translation>
    </message>
    <message>
        <source>Lessons applied</source>
        <translation>举一反三</translation>
    </message>
    <message>
        <source>Special clean-up</source>
        <translation>专项整治</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Other &amp;type:</source>
        <translation>其他类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Responsible &amp;leader:</source>
        <translation>责任领导(&amp;L)：</translation>
    </message>
    <message>
        <source>Responsible &amp;department:</source>
        <translation>责任部门(&amp;D)：</translation>
    </message>
    <message>
        <source>Responsible &amp;person:</source>
        <translation>责任人(&amp;P)：</translation>
    </message>
    <message>
        <source>D&amp;eadline:</source>
        <translation>完成时限(&amp;E)：</translation>
    </message>
    <message>
        <source>Immediate fix</source>
        <translation>立行立改</translation>
    </message>
    <message>
        <source>Ongoing (kept up as routine)</source>
        <translation>常态化坚持</translation>
    </message>
</context>
<context>
    <name>RegisterPetitionForm</name>
    <message>
        <source>Petition</source>
        <translation>信访件</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>信访方式(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Received on:</source>
        <translation>收到日期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Petitioner:</source>
        <translation>信访人(&amp;P)：</translation>
    </message>
    <message>
        <source>Empty: anonymous</source>
        <translation>不填即为匿名</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>联系方式(&amp;T)：</translation>
    </message>
    <message>
        <source>Concerns (&amp;name):</source>
        <translation>被反映人姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Concerns (p&amp;ost):</source>
        <translation>被反映人职务(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>主要内容(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>RegisterProgressForm</name>
    <message>
        <source>Progress entry</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation>整改措施(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Progress:</source>
        <translation>进展情况(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Evidence files:</source>
        <translation>证明材料(&amp;E)：</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>评估项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>veto</source>
        <translation>否决项</translation>
    </message>
    <message>
        <source>Filled from</source>
        <translation>分数来源</translation>
    </message>
    <message>
        <source>the satisfaction survey</source>
        <translation>整改满意度测评</translation>
    </message>
    <message>
        <source>Assessment template</source>
        <translation>整改成效评估模板</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Grades: 好 from {a:g}, 较好 from {b:g}, 一般 from {c:g}, below that 差; a veto item makes it 差.</source>
        <translation>等次：{a:g} 分以上为“好”，{b:g} 分以上为“较好”，{c:g} 分以上为“一般”，其余为“差”；触发否决项的为“差”。</translation>
    </message>
    <message>
        <source>“{name}”: {n} items, the scored ones total 100 points.</source>
        <translation>“{name}”：共 {n} 项，计分项目合计 100 分。</translation>
    </message>
</context>
</TS>
