/** The default VitePress theme plus Weft's chart, number, verdict, report and explorer components. */
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import BarChart from '../components/BarChart.vue';
import BreakEven from '../components/BreakEven.vue';
import LineChart from '../components/LineChart.vue';
import Num from '../components/Num.vue';
import ResultsExplorer from '../components/ResultsExplorer.vue';
import RunSource from '../components/RunSource.vue';
import StudyReport from '../components/StudyReport.vue';
import Verdict from '../components/Verdict.vue';
import Winner from '../components/Winner.vue';
import './style.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('BarChart', BarChart);
    app.component('BreakEven', BreakEven);
    app.component('LineChart', LineChart);
    app.component('Num', Num);
    app.component('ResultsExplorer', ResultsExplorer);
    app.component('RunSource', RunSource);
    app.component('StudyReport', StudyReport);
    app.component('Verdict', Verdict);
    app.component('Winner', Winner);
  },
} satisfies Theme;
