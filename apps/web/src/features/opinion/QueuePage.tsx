import BoardPage from './BoardPage.tsx';

/** 我的待办: the board narrowed to what is mine (assigned to me, or unclaimed for my role). */
export default function QueuePage() {
  return <BoardPage mine />;
}
