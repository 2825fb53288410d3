import { defineBackground } from 'wxt/utils/define-background';
import { start } from '../background/main.ts';

export default defineBackground(() => start());
