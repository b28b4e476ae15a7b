<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvaluationEntryDialog</name>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>(text)</source>
        <translation>（文字）</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>已计入</translation>
    </message>
    <message>
        <source>waits for the second entry</source>
        <translation>待核对录入</translation>
    </message>
    <message>
        <source>differs from the first entry: to be settled</source>
        <translation>与第一遍录入不一致，待复核</translation>
    </message>
    <message>
        <source>Sheet %1 saved (%2). Sheets this session: %3.</source>
        <translation>编号 %1 已保存（%2）。本次已录入 %3 份。</translation>
    </message>
    <message>
        <source>Keyboard entry</source>
        <translation>键盘录入</translation>
    </message>
    <message>
        <source>Seria&amp;l:</source>
        <translation>表格编号(&amp;L)：</translation>
    </message>
    <message>
        <source>Second &amp;entry (blind, by another person)</source>
        <translation>核对录入（由另一人背对背录入）(&amp;E)</translation>
    </message>
    <message>
        <source>Type the digit of each answer (1, 2, 3 …); 0 or space leaves it blank, Backspace goes back; a multiple choice takes several digits, Enter moves on. Ctrl+Enter saves the sheet.</source>
        <translation>每项按所选选项的数字键（1、2、3……）；0 或空格表示未填，退格键返回上一项；多选题可按多个数字，回车进入下一项。Ctrl+回车保存本张测评表。</translation>
    </message>
    <message>
        <source>Save &amp;sheet</source>
        <translation>保存本张(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <source>Evaluation</source>
        <translation>民主测评</translation>
    </message>
    <message>
        <source>form code %1</source>
        <translation>表码 %1</translation>
    </message>
    <message>
        <source>No evaluation yet: choose a template and take a copy for this inspection.</source>
        <translation>尚无测评：请选择模板，为本次巡察建立测评。</translation>
    </message>
    <message>
        <source>Results are shown only when enough forms were counted; nothing is counted until reviewed.</source>
        <translation>有效表达到规定份数才显示结果；识别不清的选项复核之前不计入。</translation>
    </message>
    <message>
        <source>Only the team leader or the office sets these.</source>
        <translation>只有本组组长或巡察办可以设置。</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>新一轮测评</translation>
    </message>
    <message>
        <source>Occasion (e.g. mobilisation meeting):</source>
        <translation>测评场次（如：动员会）：</translation>
    </message>
    <message>
        <source>Forms returned</source>
        <translation>回收份数</translation>
    </message>
    <message>
        <source>Number of forms returned:</source>
        <translation>回收的测评表份数：</translation>
    </message>
    <message>
        <source>Blank forms (each copy a new serial)</source>
        <translation>空白测评表（每份一个新编号）</translation>
    </message>
    <message>
        <source>Evaluation report</source>
        <translation>测评结果报告</translation>
    </message>
    <message>
        <source>Export the tallies</source>
        <translation>导出测评统计</translation>
    </message>
    <message>
        <source>Cannot write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Exported %1 rows (copy %2).</source>
        <translation>已导出 %1 行（份号 %2）。</translation>
    </message>
    <message>
        <source>Import scans</source>
        <translation>导入扫描件</translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>扫描件 (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 of %2 pages read; %3 answers wait for review.</source>
        <translation>共 %2 页，识读 %1 页；%3 项待复核。</translation>
    </message>
    <message>
        <source>Te&amp;mplate:</source>
        <translation>模板(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Take a copy for this inspection</source>
        <translation>为本次巡察建立测评(&amp;T)</translation>
    </message>
    <message>
        <source>E&amp;dit template…</source>
        <translation>修改模板(&amp;D)…</translation>
    </message>
    <message>
        <source>Survey / round</source>
        <translation>测评 / 轮次</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>印发</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>回收</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>&amp;Fewest forms for results:</source>
        <translation>显示结果的最少份数(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Blind second entry</source>
        <translation>背对背核对录入(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;New round</source>
        <translation>新一轮(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Print forms…</source>
        <translation>印制测评表(&amp;P)…</translation>
    </message>
    <message>
        <source>Ret&amp;urned…</source>
        <translation>回收份数(&amp;U)…</translation>
    </message>
    <message>
        <source>Type &amp;written answers…</source>
        <translation>补录文字意见(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>结果报告(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard entry…</source>
        <translation>键盘录入(&amp;K)…</translation>
    </message>
    <message>
        <source>Import &amp;scans…</source>
        <translation>导入扫描件(&amp;S)…</translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>识读复核(&amp;V)…</translation>
    </message>
    <message>
        <source>E&amp;xcel…</source>
        <translation>导出统计(&amp;X)…</translation>
    </message>
</context>
<context>
    <name>EvaluationReviewDialog</name>
    <message>
        <source>Review unclear answers (%1 left)</source>
        <translation>识读复核（还有 %1 项）</translation>
    </message>
    <message>
        <source>Nothing waits for review.</source>
        <translation>没有待复核的项目。</translation>
    </message>
    <message>
        <source>single choice</source>
        <translation>单选</translation>
    </message>
    <message>
        <source>multiple choice</source>
        <translation>多选</translation>
    </message>
    <message>
        <source>Sheet %1</source>
        <translation>编号 %1</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>marked</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>未选</translation>
    </message>
    <message>
        <source>unclear</source>
        <translation>不清</translation>
    </message>
    <message>
        <source>filled in (withdrawn)</source>
        <translation>涂满（表示更改）</translation>
    </message>
    <message>
        <source>%1 dark</source>
        <translation>涂黑 %1</translation>
    </message>
    <message>
        <source>Review unclear answers</source>
        <translation>识读复核</translation>
    </message>
    <message>
        <source>Tick what the respondent chose (digits toggle the options), then Enter; no tick means no valid answer.</source>
        <translation>勾选填表人所选的选项（数字键切换），然后按回车；不勾选表示本项无有效答案。</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>Clo&amp;se</source>
        <translation>关闭(&amp;S)</translation>
    </message>
</context>
<context>
    <name>EvaluationTemplateDialog</name>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Edit template</source>
        <translation>修改测评表模板</translation>
    </message>
    <message>
        <source>The template as text: its name, instructions and sections (grids of people × dimensions with weights and graded points, single and multiple choices with the options that open a detail box, free text). Inspections that took a copy keep their own.</source>
        <translation>以文本形式编辑模板：表名、填表说明和各部分（测评对象×维度的评价表格及其权重和各等次分值；单选题、多选题及需要写明情况的选项；文字题）。已建立测评的巡察保留各自的副本，不受影响。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save as &amp;new</source>
        <translation>另存为新模板(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>WrittenTextDialog</name>
    <message>
        <source>Type what the respondent wrote, as written.</source>
        <translation>照填表人所写原样录入。</translation>
    </message>
    <message>
        <source>Save and next (Ctrl+Enter)</source>
        <translation>保存并转下一项（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Type the written answers of scanned sheets</source>
        <translation>补录扫描件的文字意见</translation>
    </message>
    <message>
        <source>Not typed yet</source>
        <translation>尚未录入</translation>
    </message>
    <message>
        <source>{n} written answers on scanned sheets, {e} not typed yet</source>
        <translation>扫描件文字题 {n} 项，尚未录入 {e} 项</translation>
    </message>
    <message>
        <source>No scanned sheet of this round has a text question.</source>
        <translation>本轮没有含文字题的扫描件。</translation>
    </message>
    <message>
        <source>Sheet {serial} · {label}</source>
        <translation>编号 {serial} · {label}</translation>
    </message>
    <message>
        <source>Loading the scanned page…</source>
        <translation>正在调出扫描页…</translation>
    </message>
    <message>
        <source>The scanned page is not among the imported ones.</source>
        <translation>该页扫描件未导入。</translation>
    </message>
</context>
</TS>
