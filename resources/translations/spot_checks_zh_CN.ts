<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SpotCheckDialog</name>
    <message>
        <source>Spot check No. {n}</source>
        <translation>第{n}号抽查记录</translation>
    </message>
    <message>
        <source>New spot check</source>
        <translation>新建抽查记录</translation>
    </message>
    <message>
        <source>e.g. the 2025 personal-matters report</source>
        <translation>如：2025年度个人有关事项报告</translation>
    </message>
    <message>
        <source>Real estate, investments, family members&apos; businesses…</source>
        <translation>房产、投资、配偶子女从业情况等…</translation>
    </message>
    <message>
        <source>Blank: no discrepancy found</source>
        <translation>不填表示未发现不一致</translation>
    </message>
</context>
<context>
    <name>SpotCheckForm</name>
    <message>
        <source>Spot check</source>
        <translation>抽查记录</translation>
    </message>
    <message>
        <source>Da&amp;te:</source>
        <translation>日期(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>被抽查人(&amp;P)：</translation>
    </message>
    <message>
        <source>P&amp;osition:</source>
        <translation>职务(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Report checked:</source>
        <translation>抽查的报告(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Compared with:</source>
        <translation>核对内容(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Discrepancies found:</source>
        <translation>发现的不一致情况(&amp;D)：</translation>
    </message>
    <message>
        <source>C&amp;lassification:</source>
        <translation>密级(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>SpotChecksPanel</name>
    <message>
        <source>Personal-matters checks</source>
        <translation>个人事项抽查</translation>
    </message>
    <message>
        <source>Discrepancies</source>
        <translation>发现不一致</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>被抽查人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>抽查的报告</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>抽查结果</translation>
    </message>
    <message>
        <source>New spot check</source>
        <translation>新建抽查记录</translation>
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
        <source>{n} reports checked, {d} with discrepancies</source>
        <translation>抽查 {n} 人次，发现不一致 {d} 人次</translation>
    </message>
    <message>
        <source>Choose a spot check.</source>
        <translation>请选择一条抽查记录。</translation>
    </message>
    <message>
        <source>Spot check</source>
        <translation>抽查记录</translation>
    </message>
    <message>
        <source>Compared with</source>
        <translation>核对内容</translation>
    </message>
    <message>
        <source>None found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <source>Delete spot check No. {n}?</source>
        <translation>删除第{n}号抽查记录？</translation>
    </message>
</context>
</TS>
