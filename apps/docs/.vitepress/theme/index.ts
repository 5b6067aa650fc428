/** The default VitePress theme plus Weft's chart, report and explorer components. */
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import BarChart from '../components/BarChart.vue';
import LineChart from '../components/LineChart.vue';
import ResultsExplorer from '../components/ResultsExplorer.vue';
import RunSource from '../components/RunSource.vue';
import StudyReport from '../components/StudyReport.vue';
import './style.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('BarChart', BarChart);
    app.component('LineChart', LineChart);
    app.component('ResultsExplorer', ResultsExplorer);
    app.component('RunSource', RunSource);
    app.component('StudyReport', StudyReport);
  },
} satisfies Theme;
