/*
 * lang.c: the phrases of the client's reports in each language kam
 * writes (lang.h), declared once: P(English, Chinese).  The English is
 * the key, exactly as lib/report.c writes it (a printf format keeps its
 * conversions, in the same order: tests/unit/t_lang.c checks).
 */
#include <string.h>

#include "lang.h"

#define PHRASES(P)							\
	/* the header */						\
	P("Weekly status report", "项目周报")				\
	P("Final evaluation", "项目总结评估")				\
	P("# %s: ", "# %s：")						\
	P("**Client:** ", "**客户：** ")				\
	P("**Date:** %s · ", "**日期：** %s · ")			\
	P("**Project:** %s to %s\n\n", "**项目：** %s 至 %s\n\n")	\
	P("**Period:** %s to %s\n\n", "**报告期：** %s 至 %s\n\n")	\
	P("---\n\n*Written by kam report from the project's files on %s.*\n", \
	    "---\n\n*本报告由 kam report 根据项目文件于 %s 生成。*\n")	\
	P("…and %zu more.\n\n", "……另有 %zu 项。\n\n")			\
	/* headings */							\
	P("Overall health", "总体状况")					\
	P("Health at the close", "收尾时的项目状况")			\
	P("Summary", "摘要")						\
	P("Goals", "目标")						\
	P("Schedule", "进度")						\
	P("Late tasks", "延期任务")					\
	P("Milestones in the next two weeks", "未来两周的里程碑")	\
	P("Milestones", "里程碑")					\
	P("Budget", "预算")						\
	P("Cost", "成本")						\
	P("By category", "按类别")					\
	P("Categories needing attention", "需要关注的类别")		\
	P("Earned value", "挣值")					\
	P("Margin", "利润")						\
	P("Team", "团队")						\
	/* late tasks, the team's facts, chart titles */		\
	P("should have been reached on %s", "应于 %s 达成")		\
	P("should have finished by %s", "应于 %s 前完成")		\
	P("should have started on %s", "应于 %s 开始")			\
	P("; ", "；") P("deadline %s passed", "已过截止日期 %s")	\
	P("%ld of %ld", "%ld / %ld")					\
	P("Budget burn: spent by month and to date, against the planned " \
	    "value", "预算消耗：按月及累计支出，对比计划值")		\
	P("Budget burn: spent by month and to date",			\
	    "预算消耗：按月及累计支出")					\
	P("Risk matrix: all risks by probability and impact",		\
	    "风险矩阵：全部风险（按概率和影响）")			\
	P("Risk matrix: open risks by probability and impact",		\
	    "风险矩阵：未关闭的风险（按概率和影响）")			\
	P("Satisfaction by month: average score", "满意度：每月平均分")	\
	P("keep", "保持") P("improve", "改进")				\
	/* health reasons (lib/health.c's findings, for the client) */	\
	P("%zu task%s, finish %s, %zu late, %zu critical",		\
	    "%zu 项任务%.0s，完成日期 %s，延期 %zu 项，关键 %zu 项")	\
	P("%zu task%s, finish %s (deadline %s), %zu late, %zu critical", \
	    "%zu 项任务%.0s，完成日期 %s（截止 %s），延期 %zu 项，关键 %zu 项") \
	P("%zu open risk%s of %zu", "%zu 项未关闭风险%.0s（共 %zu 项）") \
	P("%zu requirement%s: %zu confirmed, %zu done",			\
	    "%zu 项需求%.0s：已确认 %zu 项，已完成 %zu 项")		\
	P("%zu quality check%s, %zu open defect%s",			\
	    "%zu 次质量检查%.0s，%zu 个未关闭缺陷%.0s")			\
	P("%zu planned communication%s, %zu RACI entr%s",		\
	    "%zu 项计划沟通%.0s，%zu 条 RACI 记录%.0s")			\
	P("no scores in the last 90 days", "最近 90 天没有评分")	\
	P("average %ld.%ld of %ld score%s in the last 90 days (minimum %ld)", \
	    "最近 90 天平均 %ld.%ld 分（%ld 个评分%.0s；最低 %ld 分）")	\
	P("every file is valid", "所有文件均有效")			\
	P("no data", "无数据")						\
	P(", and %zu more", "，另有 %zu 项")				\
	P("%s; %zu task%s late", "%s；%zu 项任务延期%.0s")		\
	P("%ld working day%s late (%s), %s above %ld",			\
	    "延期 %ld 个工作日%.0s（%s）%.0s，阈值 %ld")			\
	P("%ld working day%s late (%s, not started), %s above %ld",	\
	    "延期 %ld 个工作日%.0s（%s，尚未开始）%.0s，阈值 %ld")	\
	P("started %s, %ld day%s after its baseline start %s",		\
	    "于 %s 开始，比基线晚 %ld 天%.0s（基线开始 %s）")		\
	P("slack is %ld working day%s: it finishes %s, %s",		\
	    "浮动时间为 %ld 个工作日%.0s：将于 %s 完成，%.0s晚于其截止日期" \
	    "或后续任务的截止日期")					\
	P("not finished and its late finish %s has passed",		\
	    "尚未完成，最晚完成日期 %s 已过")				\
	P("%s spent on a category without a plan",			\
	    "在没有预算计划的类别上支出 %s")				\
	P("%s spent of %s planned (%s%%)", "已支出 %s，计划 %s（%s%%）")	\
	P("%s spent, no budget planned", "已支出 %s，未编制预算")	\
	P("the billing items add up to %s, the contract value is %s: %s " \
	    "not billed", "开票计划合计 %s，合同金额 %s：%s 未列入开票计划") \
	P("the billing items add up to %s, the contract value is %s: %s " \
	    "billed beyond the contract",					\
	    "开票计划合计 %s，合同金额 %s：超出合同 %s")			\
	P("paid: %s without an invoiced date (an item is invoiced before " \
	    "it is paid)", "收款日期 %s 但没有开票日期（应先开票后收款）")	\
	P("paid: %s is before the invoiced date (an item is invoiced "	\
	    "before it is paid)", "收款日期 %s 早于开票日期（应先开票后收款）") \
	P("contract %s, ", "合同 %s，")					\
	P("invoiced %s, paid %s", "已开票 %s，已收款 %s")		\
	P("; forecast margin %s", "；预测利润 %s") P(" (%s%%)", "（%s%%）") \
	P("%s spent of %s planned (%s%%, warning at %ld%%)",		\
	    "已支出 %s，计划 %s（%s%%，预警线 %ld%%）")			\
	P("open, score %ld (critical at %ld), without owner or response", \
	    "未关闭，得分 %ld（%ld 及以上为严重），没有负责人和应对措施") \
	P("open, score %ld (critical at %ld), without an owner",	\
	    "未关闭，得分 %ld（%ld 及以上为严重），没有负责人")		\
	P("open, score %ld (critical at %ld), without a response",	\
	    "未关闭，得分 %ld（%ld 及以上为严重），没有应对措施")	\
	P("review was due %s", "复查应于 %s 进行")			\
	P("critical issue is %s", "严重问题未解决%.0s")			\
	P("escalated to level 3", "已升级至第 3 级")			\
	P("was due %s", "已于 %s 到期")					\
	P("invoiced %s, unpaid after %ld days (red above %ld)",		\
	    "已于 %s 开票，%ld 天后仍未付款（超过 %ld 天为红色）")	\
	P("invoiced %s, unpaid after %ld days (amber above %ld)",	\
	    "已于 %s 开票，%ld 天后仍未付款（超过 %ld 天为黄色）")	\
	P("milestone %s finished %s, not invoiced after more than 5 "	\
	    "working days", "里程碑 %s 已于 %s 完成，超过 5 个工作日仍未开票") \
	P("booked %s hours in the week of %s, capacity %s (%ld working " \
	    "days at %ld%%)", "登记 %s 小时（%s 当周），可用 %s 小时"	\
	    "（%ld 个工作日，%ld%%）")					\
	P("booked %s hours of %s planned (%s%%, amber above %ld%% more)", \
	    "已登记 %s 小时，计划 %s 小时（%s%%，超出 %ld%% 以上为黄色）") \
	P("done, but no quality check names it",			\
	    "已完成，但没有质量检查涵盖它")				\
	P("done, but its latest quality check failed",			\
	    "已完成，但最近一次质量检查未通过")			\
	P("critical defect open: %s", "严重缺陷未关闭：%s")		\
	P("major defect open: %s", "主要缺陷未关闭：%s")		\
	P("%s communication was due %s (%ld days ago; grace %ld)",	\
	    "%.0s沟通应于 %s 进行（已过 %ld 天；宽限 %ld 天）")		\
	P("%s communication was due %s (%ld days ago; grace %ld), never " \
	    "done", "%.0s沟通应于 %s 进行（已过 %ld 天；宽限 %ld 天），从未进行") \
	P("%zu people accountable (A); exactly one is needed",		\
	    "%zu 人为批准人（A）；应恰好一人")				\
	P("nobody responsible (R)", "没有执行人（R）")			\
	P("%s (%s %s / %s %s), red below %s",				\
	    "%s（%s %s / %s %s），低于 %s 为红色")			\
	P("%s (%s %s / %s %s), amber below %s",				\
	    "%s（%s %s / %s %s），低于 %s 为黄色")			\
	P("forecast finish %s is %ld working day%s after the deadline %s", \
	    "预计完成日期 %s 比截止日期晚 %ld 个工作日%.0s（截止 %s）")	\
	P("forecast finish %s is %ld working day%s before the deadline %s " \
	    "(amber within %ld)", "预计完成日期 %s 距截止日期仅 %ld 个工作日" \
	    "%.0s（截止 %s；%ld 个工作日以内为黄色）")			\
	P("open action was due %s, %ld day%s ago (red after %ld); owner " \
	    "%s%s: %s", "未完成的行动项应于 %s 完成，已过 %ld 天%.0s"	\
	    "（超过 %ld 天为红色）；负责人 %s%s：%s")			\
	P("open action was due %s, %ld day%s ago (red after %ld); owner " \
	    "nobody: %s", "未完成的行动项应于 %s 完成，已过 %ld 天%.0s"	\
	    "（超过 %ld 天为红色）；无负责人：%s")			\
	P("%zu approved change%s to confirmed requirements cost %s; "	\
	    "budget.csv plans %s, the tasks cost %s, leaving %s",	\
	    "%zu 项已批准的变更%.0s（涉及已确认的需求）花费 %s；"	\
	    "budget.csv 计划 %s，任务成本 %s，剩余 %s")			\
	P("%zu list items but no Decisions or Actions section: none is " \
	    "read as a decision or an action", "%zu 个列表项，但没有"	\
	    "“决议”或“行动项”部分：均不会被读作决议或行动项")		\
	P("attendee %s does not exist in people.csv",			\
	    "与会者 %s 不在 people.csv 中")				\
	P("action owner %s does not exist in people.csv",		\
	    "行动项负责人 %s 不在 people.csv 中")			\
	P("started, but its requirement %s is %s, not confirmed",	\
	    "已开始，但其需求 %s 的状态为 %s，尚未确认")		\
	P("Stakeholders", "干系人")					\
	P("Influence and interest of the people assessed (1-5 each; 4 "	\
	    "and 5 count as high).\n\n",					\
	    "已评估人员的影响力与关注度（各 1-5 分，4 分及以上为高）。\n\n") \
	P("Stakeholder map: influence and interest",			\
	    "干系人地图：影响力与关注度")					\
	P("manage closely", "重点管理") P("keep satisfied", "令其满意")	\
	P("keep informed", "随时告知") P("monitor", "监督")		\
	P("influence", "影响力") P("interest", "关注度")			\
	P("quadrant", "象限") P("people", "人员")			\
	P("No one is assessed.", "尚无人员评估。")			\
	P("Risks", "风险")						\
	P("Open critical and high risks", "未关闭的严重和高风险")	\
	P("Raised in the period", "本期新增")				\
	P("Past their review date", "已过复核日期")			\
	P("Risks that occurred", "已发生的风险")			\
	P("Issues", "问题")						\
	P("Open issues", "未解决的问题")				\
	P("Requirements", "需求")					\
	P("Scope and requirements", "范围与需求")			\
	P("Confirmed in the period", "本期确认")			\
	P("Pending change requests", "待决定的变更请求")		\
	P("Quality", "质量")						\
	P("Open critical and major defects", "未关闭的严重和主要缺陷")	\
	P("Customer satisfaction", "客户满意度")			\
	P("Decisions in the period", "本期决议")			\
	P("Open actions", "未完成的行动项")				\
	P("Open actions left", "遗留的行动项")				\
	P("Lessons added in the period", "本期新增的经验教训")		\
	P("Lessons learned", "经验教训")				\
	P("Keep doing", "继续保持")					\
	P("Improve", "需要改进")					\
	P("Open items left", "遗留事项")				\
	/* sentences */							\
	P("Overall: **%s** — %zu red and %zu amber finding%s.\n\n",	\
	    "总体：**%s** — %zu 项红色、%zu 项黄色发现%s。\n\n")	\
	P("No tasks yet.\n\n", "尚无任务。\n\n")			\
	P("- Start: %s; finish (%s): **%s**\n",			\
	    "- 开始：%s；完成（%s）：**%s**\n")				\
	P("forecast", "预测")						\
	P("actual", "实际")						\
	P("- Baseline finish: %s; variance: **%s**\n",			\
	    "- 基线完成日期：%s；偏差：**%s**\n")			\
	P("- No baseline\n", "- 无基线\n")				\
	P("on the baseline", "与基线一致")				\
	P("%ld working day%s late", "延后 %ld 个工作日%s")		\
	P("%ld working day%s early", "提前 %ld 个工作日%s")		\
	P("- Critical path: %zu task%s", "- 关键路径：%zu 个任务%s")	\
	P(", %ld working day%s from start to finish",			\
	    "，从开始到完成 %ld 个工作日%s")				\
	P(", %ld left", "，剩余 %ld 个")				\
	P("- Tasks: %zu (%zu done, %zu in progress, %zu not started)",	\
	    "- 任务：%zu 个（已完成 %zu，进行中 %zu，未开始 %zu）")	\
	P("; **%zu late**", "；**%zu 个延期**")			\
	P("No task is late.", "没有延期的任务。")			\
	P("No milestone in the next two weeks.", "未来两周没有里程碑。") \
	P("The plan has no milestones.", "计划中没有里程碑。")		\
	P("%s (forecast)", "%s（预测）")				\
	P("Gantt chart: %zu critical tasks of %zu.",			\
	    "甘特图：%zu 个关键任务（共 %zu 个）。")			\
	P("Gantt chart: bars from early start to early finish, critical "	\
	    "tasks in red, baselines in grey.",				\
	    "甘特图：横条从最早开始到最早完成，红色为关键任务，灰色为基线。") \
	P("No budget and no expenses yet.\n\n", "尚无预算和支出。\n\n")	\
	P("- Planned: %s; spent: **%s**", "- 计划：%s；已支出：**%s**")	\
	P("; %s: %s\n", "；%s：%s\n")					\
	P("remaining", "剩余")						\
	P("over", "超支")						\
	P("- Categories: %zu (%zu over, %zu at the warning level, %zu "	\
	    "unplanned)\n\n",						\
	    "- 类别：%zu 个（超支 %zu，达到预警 %zu，计划外 %zu）\n\n")	\
	P("No categories.", "没有类别。")				\
	P("Every category is within its plan.", "所有类别均在计划之内。") \
	P("No task has a cost, so there is no earned value.\n\n",	\
	    "没有任务设定成本，因此没有挣值。\n\n")			\
	P("Earned value as of %s%s:\n\n", "截至 %s 的挣值%s：\n\n")	\
	P("Actual cost (AC) counts every expense and the labour booked: the " \
	    "budget plans nothing beyond the task costs.\n\n",		\
	    "实际成本（AC）计入全部费用和已登记的人工：预算未在任务成本之外另作安排。\n\n") \
	P("Actual cost (AC) counts what was spent on the tasks: expenses " \
	    "tied to a task and the labour booked; %s spent without a task " \
	    "is outside it.\n\n",					\
	    "实际成本（AC）只计入用于任务的支出：关联任务的费用和已登记的人工；" \
	    "未关联任务的支出 %s 不计入。\n\n")				\
	P("Actual cost (AC) counts the categories %s, whose budget lines " \
	    "make BAC; %s spent in other categories is outside it.\n\n",	\
	    "实际成本（AC）只计入类别 %s，其预算行构成 BAC；其他类别的支出 %s " \
	    "不计入。\n\n")						\
	P("- Contract value: %s\n", "- 合同金额：%s\n")		\
	P("- Invoiced: %s; paid: %s; outstanding: %s\n",		\
	    "- 已开票：%s；已付款：%s；未付款：%s\n")			\
	P("- Actual cost: %s (expenses %s, labour %s)\n",		\
	    "- 实际成本：%s（支出 %s，人工 %s）\n")			\
	P("- Planned margin: %s (no earned value yet for a forecast)\n", \
	    "- 计划利润：%s（尚无挣值，无法预测）\n")			\
	P("Facts per person, not scores: tasks assigned and finished, "	\
	    "finished on or before their baseline finish (of those with a " \
	    "baseline), the planned effort of the tasks and the hours "	\
	    "booked in the timesheets.\n\n",				\
	    "每人的事实而非评分：分配和完成的任务、在基线完成日期或之前完成" \
	    "的任务（仅计有基线者）、任务的计划工作量和工时表中登记的工时。\n\n") \
	P("No one has tasks.", "没有人分配到任务。")			\
	P("The risk register is empty.\n\n", "风险登记册为空。\n\n")	\
	P("- Open: **%zu** (%zu critical, %zu high, %zu medium, %zu low); " \
	    "closed: %zu; occurred: %zu\n\n",				\
	    "- 未关闭：**%zu**（严重 %zu，高 %zu，中 %zu，低 %zu）；"	\
	    "已关闭：%zu；已发生：%zu\n\n")				\
	P("No open risk is critical or high.", "没有未关闭的严重或高风险。") \
	P("No risk was raised in the period.", "本期没有新增风险。")	\
	P("No open risk is past its review date.",			\
	    "没有未关闭的风险超过复核日期。")				\
	P("No risk occurred.", "没有风险发生。")			\
	P("No issue is open.", "没有未解决的问题。")			\
	P("No requirements yet.\n\n", "尚无需求。\n\n")		\
	P("Change requests: %ld approved (%s, %ld working day%s), %ld "	\
	    "rejected, %ld pending.\n\n",				\
	    "变更请求：已批准 %ld 项（%s，%ld 个工作日%s），已拒绝 %ld 项，" \
	    "待决定 %ld 项。\n\n")					\
	P("No requirement was confirmed in the period.",		\
	    "本期没有确认的需求。")					\
	P("No change request is waiting for a decision.",		\
	    "没有待决定的变更请求。")					\
	P("- No quality checks yet\n", "- 尚无质量检查\n")		\
	P("No critical or major defect is open.",			\
	    "没有未关闭的严重或主要缺陷。")				\
	P("- No responses in the period\n", "- 本期没有反馈\n")	\
	P("- Quality checks: %ld, pass rate **%s%%** (%ld passed, %ld "	\
	    "failed)", "- 质量检查：%ld 次，通过率 **%s%%**（通过 %ld，"	\
	    "未通过 %ld）")						\
	P("; %ld in the period", "；本期 %ld 次")			\
	P("- Open defects: %ld critical, %ld major, %ld minor; rework %ld " \
	    "hour%s\n\n", "- 未关闭的缺陷：严重 %ld，主要 %ld，次要 %ld；" \
	    "返工 %ld 小时%s\n\n")					\
	P("- Last 90 days (%s to %s): average **%ld.%ld** of %ld "	\
	    "response%s, NPS %ld (minimum %ld: %s)\n",			\
	    "- 最近 90 天（%s 至 %s）：平均 **%ld.%ld**，共 %ld 条反馈%s，" \
	    "NPS %ld（最低 %ld：%s）\n")				\
	P("- No responses in the last 90 days (%s to %s)\n",		\
	    "- 最近 90 天（%s 至 %s）没有反馈\n")			\
	P("- All responses: average %ld.%ld of %ld, NPS %ld\n",		\
	    "- 全部反馈：平均 %ld.%ld，共 %ld 条，NPS %ld\n")		\
	P("- In the period: %ld response%s, average %ld.%ld\n",	\
	    "- 本期：%ld 条反馈%s，平均 %ld.%ld\n")			\
	P("- Open: **%zu** (%zu critical, %zu at escalation level 3); "	\
	    "resolved: %zu; closed: %zu\n\n",				\
	    "- 未解决：**%zu**（严重 %zu，已升级到第 3 级 %zu）；"	\
	    "已解决：%zu；已关闭：%zu\n\n")				\
	P("No decisions were recorded in the period.", "本期没有记录决议。") \
	P("No action is open.", "没有未完成的行动项。")			\
	P("No lessons were added in the period.", "本期没有新增经验教训。") \
	P("No lessons were recorded.\n\n", "没有记录经验教训。\n\n")	\
	P("None.", "无。")						\
	P("No goals were set.\n\n", "没有设定目标。\n\n")		\
	P("**%ld of %ld** goal%s met", "**%ld / %ld** 个目标%s已达成")	\
	P(" (%ld missed, %ld open)", "（未达成 %ld，进行中 %ld）")	\
	P(" (%ld missed)", "（未达成 %ld）")				\
	P(" (%ld open)", "（进行中 %ld）")				\
	P("; %ld dropped, not counted", "；已放弃 %ld 个，不计入")	\
	P(".\n\n", "。\n\n")						\
	P("open (direction unknown)", "进行中（方向未知）")		\
	P("open (measured: %s)", "进行中（实测：%s）")			\
	P("Nothing is left open.", "没有遗留事项。")			\
	P("- Goals: **%ld of %ld met**", "- 目标：**%ld / %ld 已达成**")	\
	P("; %ld dropped", "；已放弃 %ld 个")				\
	P("- Schedule: %s %s", "- 进度：%s %s")			\
	P("finished", "已完成")						\
	P("forecast to finish", "预计完成于")				\
	P(" against a baseline of %s: **%s**", "，基线为 %s：**%s**")	\
	P("; %zu of %zu tasks done\n", "；已完成 %zu / %zu 个任务\n")	\
	P("- Cost: %s spent of %s planned", "- 成本：已支出 %s，计划 %s") \
	P("- Quality: pass rate %s%% of %zu checks\n",			\
	    "- 质量：%s%% 的通过率（共 %zu 次检查）\n")			\
	P("- Health at the close: **%s**\n\n", "- 收尾时的状况：**%s**\n\n") \
	/* table columns */						\
	P("area", "领域") P("status", "状态") P("reason", "原因")	\
	P("id", "编号") P("title", "标题") P("assignee", "负责人")	\
	P("progress", "进度") P("days late", "延期天数")		\
	P("milestone", "里程碑") P("date", "日期") P("baseline", "基线") \
	P("slack", "浮动时间") P("reached", "达成") P("variance", "偏差") \
	P("category", "类别") P("planned", "计划") P("used", "使用率")	\
	P("person", "人员") P("tasks", "任务") P("on time", "按时")	\
	P("planned hours", "计划工时") P("booked hours", "登记工时")	\
	P("risk", "风险") P("score", "分值") P("level", "等级")		\
	P("owner", "负责人") P("review", "复核") P("response", "应对")	\
	P("raised", "提出") P("issue", "问题") P("severity", "严重程度") \
	P("due", "到期") P("escalation", "升级") P("draft", "草稿")	\
	P("analysed", "已分析") P("confirmed", "已确认")		\
	P("rejected", "已拒绝") P("total", "合计")			\
	P("requirement", "需求") P("priority", "优先级")		\
	P("confirmed by", "确认人") P("on", "日期") P("change", "变更")	\
	P("cost", "成本") P("days", "天数") P("requested by", "提出人")	\
	P("fixed", "已修复") P("verified", "已验证")			\
	P("rework hours", "返工工时") P("defect", "缺陷")		\
	P("subject", "对象") P("found", "发现") P("month", "月份")	\
	P("responses", "反馈数") P("average", "平均")			\
	P("meeting", "会议") P("decision", "决议") P("action", "行动项")	\
	P("kind", "类型") P("lesson", "经验") P("goal", "目标")		\
	P("metric", "指标") P("target", "目标值") P("ids", "编号")	\
	/* status words and area names */				\
	P("red", "红") P("amber", "黄") P("green", "绿") P("none", "无") \
	P("ok", "正常") P("warn", "预警") P("unplanned", "计划外")	\
	P("critical", "严重") P("high", "高") P("medium", "中")	\
	P("low", "低") P("met", "已达成") P("missed", "未达成")		\
	P("dropped", "已放弃") P("open", "进行中") P("closed", "已关闭")	\
	P("occurred", "已发生") P("pass", "通过") P("fail", "未通过")	\
	P("late", "延期") P("done", "完成") P("major", "主要")		\
	P("minor", "次要") P("below", "低于")				\
	P("schedule", "进度") P("budget", "预算") P("commercial", "商务") \
	P("requirements", "需求") P("quality", "质量")			\
	P("satisfaction", "满意度") P("communication", "沟通")		\
	P("data", "数据")						\
	P("unfinished tasks", "未完成的任务") P("open risks", "未关闭的风险") \
	P("requirements not done", "未完成的需求")			\
	P("pending change requests", "待决定的变更请求")		\
	P("open defects", "未关闭的缺陷") P("open goals", "进行中的目标") \
	P("open actions", "未完成的行动项")

#define P_ENTRY(en, zh)	{ en, zh },
const struct lang_phrase lang_phrases[] = { PHRASES(P_ENTRY) };
const size_t lang_nphrases = sizeof(lang_phrases) / sizeof(lang_phrases[0]);

int
lang_parse(const char *s, int *out)
{
	if (strcmp(s, "en") == 0)
		*out = LANG_EN;
	else if (strcmp(s, "zh") == 0)
		*out = LANG_ZH;
	else
		return -1;
	return 0;
}

const char *
lang_tr(int lang, const char *en)
{
	size_t i;

	if (lang != LANG_ZH)
		return en;
	for (i = 0; i < lang_nphrases; i++)
		if (strcmp(lang_phrases[i].en, en) == 0)
			return lang_phrases[i].zh;
	return en;
}
